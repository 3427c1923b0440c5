import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { users } from './activities';

export interface CapturedActivity {
  conversationId: string;
  path: string;
  /** When the request arrived (ms since epoch). */
  at: number;
  activity: Record<string, unknown> & { type?: string; text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
}

/** A limit the connector enforces on arrival: at most `max` requests in any `ms`. */
export interface EnforcedWindow {
  ms: number;
  max: number;
}

export interface EnforcedLimits {
  perConversation: EnforcedWindow[];
  perTenant: EnforcedWindow[];
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
}

/** A Teams user as the connector's member APIs describe them (TeamsChannelAccount). */
export interface ConnectorMember {
  id: string;
  name: string;
  aadObjectId: string;
  userPrincipalName?: string;
  email?: string;
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
  private readonly arrivals = new Map<string, number[]>();
  /** Requests that broke an enforced limit (answered 429, as Teams would). */
  violations = 0;
  url = '';
  /**
   * Who TeamsInfo.getMember finds, by Teams user id, in any conversation (Teams answers for its
   * members): the Playground's users, so a user's first turn can ask who they are.
   */
  readonly members = new Map<string, ConnectorMember>(Object.values(users).map((u) => [u.id, u]));
  /** What getPagedMembers answers per conversation (a team's id, or a channel's). */
  readonly rosters = new Map<string, string[]>();
  /** Every member lookup and roster read the bot made, in order. */
  readonly lookups: { kind: 'member' | 'roster'; conversationId: string; userId?: string }[] = [];
  /** Conversations the bot created (createConversation), with the parameters it sent. */
  readonly created: { id: string; parameters: Record<string, unknown> }[] = [];

  /** With limits, the connector answers 429 to any request that breaks them, like Teams. */
  constructor(private readonly limits?: EnforcedLimits) {}

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
      if (this.answerDirectory(req, res, body)) return;
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      const update = /\/v3\/conversations\/([^/]+)\/activities\/([^/?]+)/.exec(req.url ?? '');
      if (req.method === 'PUT' && update) {
        // updateActivity: a message rewritten in place (a channel's shared card).
        this.updates.push({ conversationId: decodeURIComponent(update[1]!), activityId: decodeURIComponent(update[2]!), activity: JSON.parse(body || '{}') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: decodeURIComponent(update[2]!) }));
        return;
      }
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
      if (this.limits && this.breaksLimits(captured.conversationId, at)) {
        this.violations++;
        this.rejected.push({ ...captured, status: 429 });
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'limit broken' } }));
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

  /** The member APIs (getMember, getPagedMembers) and createConversation; false for anything else. */
  private answerDirectory(req: IncomingMessage, res: ServerResponse, body: string): boolean {
    const url = new URL(req.url ?? '/', 'http://connector');
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
      return true;
    };
    const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && member) {
      const [conversationId, userId] = [decodeURIComponent(member[1]!), decodeURIComponent(member[2]!)];
      this.lookups.push({ kind: 'member', conversationId, userId });
      const found = this.members.get(userId);
      return found ? json(200, { ...found, tenantId: 'tenant-1', userRole: 'user' }) : json(404, { error: { code: 'MemberNotFoundInConversation', message: 'Member not found in conversation' } });
    }
    const paged = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(url.pathname);
    if (req.method === 'GET' && paged) {
      const conversationId = decodeURIComponent(paged[1]!);
      this.lookups.push({ kind: 'roster', conversationId });
      const ids = this.rosters.get(conversationId) ?? [];
      return json(200, { members: ids.map((id) => this.members.get(id)).filter(Boolean).map((m) => ({ ...m, tenantId: 'tenant-1', userRole: 'user' })) });
    }
    if (req.method === 'POST' && url.pathname === '/v3/conversations') {
      const id = `a:created-${this.created.length + 1}`;
      this.created.push({ id, parameters: JSON.parse(body || '{}') as Record<string, unknown> });
      return json(201, { id, activityId: '', serviceUrl: this.url });
    }
    return false;
  }

  /** Counts the arrival, then checks every window ending now (the tenant is one: this connector is one tenant). */
  private breaksLimits(conversationId: string, at: number): boolean {
    const check = (key: string, windows: EnforcedWindow[]) => {
      const times = this.arrivals.get(key) ?? [];
      times.push(at);
      const longest = Math.max(...windows.map((w) => w.ms));
      while (times.length && times[0]! <= at - longest) times.shift();
      this.arrivals.set(key, times);
      return windows.some((w) => times.filter((t) => t > at - w.ms).length > w.max);
    };
    const conversation = check(`c:${conversationId}`, this.limits!.perConversation);
    const tenant = check('tenant', this.limits!.perTenant);
    return conversation || tenant;
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

  /** Messages rewritten in place (updateActivity), in order. */
  readonly updates: { conversationId: string; activityId: string; activity: { attachments?: { contentType: string; content: Record<string, unknown> }[] } }[] = [];

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
    this.updates.length = 0;
    this.rejected.length = 0;
  }

  async stop(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
