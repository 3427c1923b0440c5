import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedActivity {
  conversationId: string;
  path: string;
  /** When the request arrived (ms since epoch). */
  at: number;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
}

/**
 * A local HTTP server playing the Bot Connector: the bot posts its replies here, as it would
 * to Teams, and tests read them back. Only activities answered with 2xx count as delivered;
 * a test can script failures per conversation (429, 5xx, 403) or make the connector stop
 * answering after a number of deliveries, to crash a sender mid-send.
 */
export class CaptureConnector {
  readonly activities: CapturedActivity[] = [];
  /** Requests answered with a scripted failure. */
  readonly rejected: (CapturedActivity & { status: number })[] = [];
  private readonly scripts = new Map<string, ScriptedAnswer[]>();
  private readonly held: ServerResponse[] = [];
  private holdAfterDeliveries?: number;
  private server?: Server;
  private waiters: (() => void)[] = [];
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next answers for a conversation, in order; after them, 200 again. */
  script(conversationId: string, ...answers: ScriptedAnswer[]): void {
    this.scripts.set(conversationId, [...(this.scripts.get(conversationId) ?? []), ...answers]);
  }

  /** After `n` more deliveries, leave every request unanswered (a sender killed mid-send never hears back). */
  holdAfter(n: number): void {
    this.holdAfterDeliveries = this.deliveries() + n;
  }

  /** Answers nothing more to the held requests (their sender is gone) and delivers normally again. */
  release(): void {
    for (const res of this.held.splice(0)) res.destroy();
    this.holdAfterDeliveries = undefined;
  }

  get heldCount(): number {
    return this.held.length;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const at = Date.now();
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      const captured: CapturedActivity = { conversationId: decodeURIComponent(match[1]!), path: req.url ?? '', at, activity: JSON.parse(body || '{}') };
      if (this.holdAfterDeliveries !== undefined && this.deliveries() >= this.holdAfterDeliveries) {
        this.held.push(res);
        return;
      }
      const scripted = this.scripts.get(captured.conversationId)?.shift();
      if (scripted) {
        this.rejected.push({ ...captured, status: scripted.status });
        res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
        res.end(JSON.stringify({ error: { code: 'Scripted', message: `scripted ${scripted.status}` } }));
        return;
      }
      this.activities.push(captured);
      this.waiters.splice(0).forEach((w) => w());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${this.activities.length}` }));
    });
  }

  private deliveries(): number {
    return this.activities.filter((a) => a.activity.type === 'message').length;
  }

  /** Resolves once `n` messages have been delivered in all. */
  async waitForDeliveries(n: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveries() < n) {
      if (Date.now() > deadline) throw new Error(`only ${this.deliveries()} of ${n} messages arrived`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Messages (not typing indicators) sent to a conversation, in order. */
  messagesTo(conversationId: string) {
    return this.activities.filter((a) => a.conversationId === conversationId && a.activity.type === 'message').map((a) => a.activity);
  }

  /** Every delivered message, with where and when it arrived. */
  messages() {
    return this.activities.filter((a) => a.activity.type === 'message');
  }

  clear(): void {
    this.activities.length = 0;
    this.rejected.length = 0;
  }

  async stop(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
