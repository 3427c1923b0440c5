import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity the Playground sent to the bot, with the bot's HTTP answer. */
export interface ToBot {
  seq: number;
  type: string;
  /** `adaptiveCard/action` for an Action.Execute. */
  name?: string;
  /** The card verb: value.action.verb (Action.Execute) or value.verb (Action.Submit). */
  verb?: string;
  conversationId: string;
  text?: string;
  value?: Record<string, unknown>;
  /** Filled in when the bot has answered. */
  status?: number;
  response?: { statusCode?: number; type?: string; value?: unknown };
}

/** An activity the bot posted to the Playground's connector: a reply, a reminder. */
export interface FromBot {
  seq: number;
  /** Posted by the test (a fresh copy of a card the bot sent earlier), not by the bot. */
  copy?: boolean;
  conversationId: string;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
}

const COPY_HEADER = 'x-logbog-test-copy';

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const headers = { ...req.headers, host: target.host, 'content-length': String(body.length) };
  return new Promise((resolve, reject) => {
    const out = request(target, { method: req.method, headers }, (res) => {
      void readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

function parse(body: Buffer): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A recording relay between the Agents Playground and the bot, so a browser test can say, on the
 * server side, whether a click reached the bot and what the bot sent back. The Playground posts
 * to the relay's /api/messages; the relay records the activity and passes it on unchanged except
 * for its serviceUrl, which it points at itself, so that the bot's replies and later reminders
 * come back through it (recorded, then passed on to the Playground's own connector).
 * Nothing is answered by the relay itself: every reply is the bot's.
 */
export class ActivityTap {
  readonly toBot: ToBot[] = [];
  readonly fromBot: FromBot[] = [];
  private seq = 0;
  private server?: Server;
  private readonly connectors: string[] = [];
  private base = '';

  constructor(private botMessagesUrl: string) {}

  /** Puts another bot behind the relay (a second plan's harness); the Playground's chats go on. */
  retarget(botMessagesUrl: string): void {
    this.botMessagesUrl = botMessagesUrl;
  }

  /** Where the Playground should send its activities. */
  get url(): string {
    return `${this.base}/api/messages`;
  }

  /** The sequence number the next recorded activity will get: "everything after this point". */
  get mark(): number {
    return this.seq;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  toBotSince(mark: number, conversationId?: string): ToBot[] {
    return this.toBot.filter((a) => a.seq >= mark && (!conversationId || a.conversationId === conversationId));
  }

  fromBotSince(mark: number, conversationId?: string): FromBot[] {
    return this.fromBot.filter((a) => a.seq >= mark && (!conversationId || a.conversationId === conversationId));
  }

  /** The Playground's own connector for a conversation (the serviceUrl it sent). */
  connectorFor(conversationId: string): string | undefined {
    const index = this.conversationConnector.get(conversationId);
    return index === undefined ? undefined : this.connectors[index];
  }

  private readonly conversationConnector = new Map<string, number>();

  /**
   * Posts an activity into a conversation the way the bot posts a reminder, through the relay, so
   * it is recorded (as a copy) and drawn by the Playground like any bot message. A test uses it to
   * get a fresh, untouched copy of a card the bot sent, to press another of its buttons.
   */
  async postAsBot(conversationId: string, activity: Record<string, unknown>): Promise<void> {
    const index = this.conversationConnector.get(conversationId);
    if (index === undefined) throw new Error(`no connector known for conversation ${conversationId}`);
    const model = [...this.fromBot].reverse().find((a) => a.conversationId === conversationId && !a.copy)?.activity;
    const body = { type: 'message', from: model?.from, recipient: model?.recipient, conversation: { id: conversationId }, ...activity };
    const res = await fetch(`${this.base}/connector/${index}/v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [COPY_HEADER]: '1' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`the Playground refused the copy: HTTP ${res.status}`);
  }

  /** Resolves when `predicate` holds for the records, or with false after `ms`. */
  async until(predicate: () => boolean, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (predicate()) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return predicate();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await readBody(req);
      const path = req.url ?? '/';
      const connector = /^\/connector\/(\d+)(\/.*)?$/.exec(path);
      if (connector) return await this.fromBotToPlayground(req, res, body, Number(connector[1]), connector[2] ?? '/');
      if (path.startsWith('/api/messages')) return await this.fromPlaygroundToBot(req, res, body);
      res.writeHead(404).end();
    } catch (err) {
      res.writeHead(502).end(String(err));
    }
  }

  private async fromPlaygroundToBot(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const activity = parse(body);
    let record: ToBot | undefined;
    let outgoing = body;
    if (activity) {
      const value = activity.value as Record<string, unknown> | undefined;
      const action = value?.action as { verb?: unknown } | undefined;
      const verb = typeof action?.verb === 'string' ? action.verb : typeof value?.verb === 'string' ? value.verb : undefined;
      const conversationId = String((activity.conversation as { id?: unknown } | undefined)?.id ?? '');
      record = { seq: this.seq++, type: String(activity.type), conversationId, ...(typeof activity.name === 'string' ? { name: activity.name } : {}), ...(verb ? { verb } : {}), ...(typeof activity.text === 'string' ? { text: activity.text } : {}), ...(value ? { value } : {}) };
      this.toBot.push(record);
      if (typeof activity.serviceUrl === 'string') {
        let index = this.connectors.indexOf(activity.serviceUrl);
        if (index < 0) index = this.connectors.push(activity.serviceUrl) - 1;
        this.conversationConnector.set(conversationId, index);
        outgoing = Buffer.from(JSON.stringify({ ...activity, serviceUrl: `${this.base}/connector/${index}` }));
      }
    }
    const answer = await forward(new URL(this.botMessagesUrl), req, outgoing);
    if (record) {
      record.status = answer.status;
      const parsed = parse(answer.body);
      if (parsed) record.response = parsed as ToBot['response'];
    }
    res.writeHead(answer.status, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') }).end(answer.body);
  }

  /**
   * One bot message at a time, recorded in the order the Playground receives it: the scheduler
   * sends reminders concurrently, and a test finds each card by its place in the chat.
   */
  private toPlayground: Promise<unknown> = Promise.resolve();

  private fromBotToPlayground(req: IncomingMessage, res: ServerResponse, body: Buffer, index: number, rest: string): Promise<void> {
    const base = this.connectors[index];
    if (!base) return Promise.resolve(void res.writeHead(404).end());
    const copy = req.headers[COPY_HEADER] !== undefined;
    delete req.headers[COPY_HEADER];
    const send = async () => {
      const activity = parse(body);
      const conversation = /\/v3\/conversations\/([^/]+)\/activities/.exec(rest);
      if (activity && conversation && req.method === 'POST') {
        this.fromBot.push({ seq: this.seq++, conversationId: decodeURIComponent(conversation[1]!), activity: activity as FromBot['activity'], ...(copy ? { copy } : {}) });
      }
      const answer = await forward(new URL(base.replace(/\/$/, '') + rest), req, body);
      res.writeHead(answer.status, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') }).end(answer.body);
    };
    const done = this.toPlayground.then(send);
    this.toPlayground = done.catch(() => undefined);
    return done;
  }
}
