import { join } from 'node:path';
import { parseConfig } from '../../src/config/config';
import { ManualClock } from '../../src/domain/clock';
import { createLogger, silentLogger } from '../../src/logging/logger';
import { readPlanFile } from '../../src/store/planFile';
import { startServer, type RunningServer } from '../../src/server';
import type { TickReport } from '../../src/scheduler/reminderScheduler';
import type { CosmosStore } from '../../src/store/cosmos/connect';
import { importPlan } from '../../src/usecases/importPlan';
import type { RememberedMembershipRepository } from '../../src/store/rememberedMembershipRepository';
import { executeActivity, messageActivity, submitActivity, type TestUser } from './activities';
import { CaptureConnector } from './captureConnector';

export const DEMO_PLAN = join(__dirname, '..', '..', 'plans', 'husum-tingbjerg-2024-2028.yaml');
export const TRYGHEDSPLAN = join(__dirname, '..', '..', 'plans', 'tingbjerg-husum-tryghedsplan-2024.yaml');

export interface InvokeResult {
  status: number;
  body: { statusCode?: number; type?: string; value?: unknown } | undefined;
}

/** Tests tick the scheduler through its HTTP trigger; the in-process timer is off. */
export const SCHEDULER_SECRET = 'test-scheduler-secret-0123456789';

export function harnessConfig(env: Record<string, string> = {}) {
  return parseConfig({ PORT: '0', HOST: '127.0.0.1', SCHEDULER_INTERVAL_SECONDS: '0', SCHEDULER_SECRET, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...env });
}

export function harnessLogger() {
  return process.env.TEST_LOG_LEVEL ? createLogger(process.env.TEST_LOG_LEVEL) : silentLogger;
}

/** Runs one scheduler tick on a server, as an Azure timer would. */
export async function tickScheduler(serverUrl: string): Promise<TickReport> {
  const res = await fetch(`${serverUrl}/api/scheduler/tick`, { method: 'POST', headers: { 'x-logbog-scheduler-secret': SCHEDULER_SECRET } });
  if (res.status !== 200) throw new Error(`scheduler tick answered HTTP ${res.status}`);
  return (await res.json()) as TickReport;
}

/**
 * Boots the real server in-process on a free port, with the embedded database in memory and
 * a fixed clock, imports the demo plan, and talks to it over HTTP like the Bot Connector does.
 */
export class BotHarness {
  readonly connector = new CaptureConnector();
  server!: RunningServer;
  /** The app's clock; tests move it to walk the reminders through days. */
  readonly clock: ManualClock;

  constructor(
    now = '2025-06-16T10:00:00+02:00',
    /** Extra settings, e.g. an Azure OpenAI endpoint played by a local server. */
    private readonly env: Record<string, string> = {},
  ) {
    this.clock = new ManualClock(now);
  }

  /** `store`: a database opened elsewhere (the benchmark runs the embedded server in its own process). */
  async start(planFiles: string[] = [DEMO_PLAN], store?: CosmosStore): Promise<this> {
    await this.connector.start();
    this.server = await startServer(harnessConfig(this.env), { clock: this.clock, logger: harnessLogger(), scheduler: { instanceId: 'instance-a' }, ...(store ? { store } : {}) });
    for (const file of planFiles) {
      const { raw } = await readPlanFile(file);
      const result = await importPlan(this.server.repos, this.clock, raw);
      if (!result.ok) throw new Error(JSON.stringify(result.issues.slice(0, 5)));
    }
    return this;
  }

  get repos() {
    return this.server.repos;
  }

  /** Waits for the grants of the memberships read so far (written after their turns): a save then proves the version it remembers. */
  async grantsWritten(): Promise<void> {
    await (this.server.repos.memberships as RememberedMembershipRepository).settle();
  }

  async post(activity: unknown): Promise<InvokeResult> {
    const res = await fetch(`${this.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** Sends a chat message and returns the bot's replies to that conversation. */
  async say(user: TestUser, text: string, conversationId = `conv-${user.id}`, conversationType = 'personal') {
    const before = this.connector.messagesTo(conversationId).length;
    const res = await this.post(messageActivity(user, this.connector.url, conversationId, text, conversationType));
    if (res.status >= 400) throw new Error(`bot answered HTTP ${res.status}`);
    return this.connector.messagesTo(conversationId).slice(before);
  }

  /** Clicks an Action.Execute button; the invoke response carries the replacement card. */
  async execute(user: TestUser, verb: string, data: unknown, conversationId = `conv-${user.id}`): Promise<InvokeResult> {
    return this.post(executeActivity(user, this.connector.url, conversationId, verb, data));
  }

  /** Clicks a button that leaves its card and posts a new card below it; returns that card and the click's answer. */
  async executeForNewCard(user: TestUser, verb: string, data: unknown, conversationId = `conv-${user.id}`) {
    const before = this.connector.messagesTo(conversationId).length;
    const res = await this.execute(user, verb, data, conversationId);
    if (res.status >= 400) throw new Error(`bot answered HTTP ${res.status}`);
    const posted = this.connector.messagesTo(conversationId).slice(before);
    return { answer: res.body?.value as unknown, card: cardOf(posted[posted.length - 1]) };
  }

  /** Clicks the Action.Submit fallback; the answer arrives as a message. */
  async submit(user: TestUser, value: Record<string, unknown>, conversationId = `conv-${user.id}`) {
    const before = this.connector.messagesTo(conversationId).length;
    const res = await this.post(submitActivity(user, this.connector.url, conversationId, value));
    if (res.status >= 400) throw new Error(`bot answered HTTP ${res.status}`);
    return this.connector.messagesTo(conversationId).slice(before);
  }

  /** One scheduler tick over HTTP. */
  tick(): Promise<TickReport> {
    return tickScheduler(this.server.url);
  }

  async stop(): Promise<void> {
    await this.server?.stop();
    await this.connector.stop();
  }
}

/** The adaptive card in a reply activity, or undefined. */
export function cardOf(activity: { attachments?: { contentType: string; content: Record<string, unknown> }[] } | undefined) {
  return activity?.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** All TextBlock texts and fact values of a card, for assertions on what a user reads. */
export function textsOf(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string') out.push(`${o.title}: ${o.value}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Finds an input by id in a card. */
export function inputOf(card: unknown, id: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) found = o;
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** The data an Action.Execute button in a card carries (submission id and plan id). */
export function executeDataOf(card: unknown, verb: string): Record<string, unknown> {
  const actions = ((card as { actions?: Record<string, unknown>[] }).actions ?? []).filter((a) => a.type === 'Action.Execute' && a.verb === verb);
  if (!actions[0]) throw new Error(`no Action.Execute with verb ${verb}`);
  return (actions[0].data ?? {}) as Record<string, unknown>;
}
