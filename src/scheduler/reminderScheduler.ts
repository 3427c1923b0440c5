import type { Clock } from '../domain/clock';
import { SendLimiter } from '../domain/reminders/sendLimits';
import type { Logger } from '../logging/logger';
import { applyRetention, type RetentionReport } from '../usecases/applyRetention';
import { repairRollups } from '../usecases/repairRollups';
import type { Repositories } from '../usecases/ports';
import { deliverDueReminders, realPace, type ComposeReminder, type DeliveryOptions, type DeliveryReport, type MentionMember, type Pace, type ProactiveSender } from '../usecases/reminders/deliverReminders';
import type { MemberReach } from '../usecases/reminders/reachMember';
import { planReminders, type PlanningResult } from '../usecases/reminders/planReminders';

export interface SchedulerDeps {
  repos: Repositories;
  clock: Clock;
  logger: Logger;
  sender: ProactiveSender;
  compose: ComposeReminder;
  pace?: Pace;
  limiter?: SendLimiter;
  /** How to reach members who never opened Logbog (Graph installation, the Bot Connector's new chat). */
  reach?: MemberReach;
  mention?: MentionMember;
}

export interface SchedulerOptions {
  instanceId: string;
  /** 0: no timer; ticks come from the HTTP trigger (or tests) only. */
  intervalMs: number;
  reminderHour: number;
  leaseMs?: number;
  delivery?: Partial<Omit<DeliveryOptions, 'instanceId'>>;
}

export interface TickReport {
  planning: PlanningResult[];
  /** The daily retention job, run for each plan the tick planned (once a day, under its lease). */
  retention: RetentionReport[];
  delivery: DeliveryReport;
}

/**
 * One tick: plan each plan's reminders (once a day, under its lease), then send what is due.
 * Ticks never overlap within an instance; across instances the lease and the outbox claims keep
 * every reminder to one send.
 */
export class ReminderScheduler {
  private running?: Promise<TickReport>;
  private timer?: NodeJS.Timeout;
  private stopping = false;
  private readonly limiter: SendLimiter;
  private readonly delivery: DeliveryOptions;

  constructor(
    private readonly deps: SchedulerDeps,
    private readonly options: SchedulerOptions,
  ) {
    // One limiter per process: every send from this instance goes through it. Across instances,
    // the tenant's sender lease makes the holder's limiter the only one counting for that tenant.
    this.limiter = deps.limiter ?? new SendLimiter();
    this.delivery = { instanceId: options.instanceId, claimMs: 5 * 60_000, concurrency: 8, attemptsPerRun: 5, maxAttempts: 15, retryLaterMs: 10 * 60_000, ...options.delivery };
  }

  start(): void {
    if (this.options.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.deps.logger.error({ err }, 'reminder tick failed'));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Runs a tick, or joins the one already running. */
  tick(): Promise<TickReport> {
    this.running ??= this.runTick().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Graceful shutdown: no new ticks, the running one stops sending and finishes its bookkeeping. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async runTick(): Promise<TickReport> {
    const { repos, clock, logger } = this.deps;
    const planning: PlanningResult[] = [];
    const retention: RetentionReport[] = [];
    // Listed once per tick: planning and sending go through the same plans.
    const planIds = await repos.plans.listIds();
    for (const planId of planIds) {
      if (this.stopping) break;
      try {
        // Rollups a crash or a failing database left behind are recomputed first (usually nothing to do).
        const repair = await repairRollups(repos, planId, new Date());
        if (repair.repaired) logger.warn({ ...repair }, 'recomputed rollups left behind by an unfinished record change');
        const planned = await planReminders(repos, clock, planId, { instanceId: this.options.instanceId, leaseMs: this.options.leaseMs ?? 5 * 60_000, fromHour: this.options.reminderHour });
        planning.push(planned);
        // Person codes past the plan's retention period go the same morning, once a day.
        if (planned.kind === 'planned') retention.push(await applyRetention(repos, clock, planId, 'logbog-scheduler'));
      } catch (err) {
        logger.error({ err, planId }, 'planning reminders failed');
        // In the report too: a tick that planned nothing must say why, not just leave the plan out.
        planning.push({ kind: 'failed', planId, error: describeError(err) });
      }
    }
    const delivery = await deliverDueReminders({ ...this.deps, limiter: this.limiter, pace: this.deps.pace ?? realPace }, this.delivery, () => this.stopping, planIds);
    const planned = planning.filter((p) => p.kind === 'planned');
    if (planned.length || delivery.sent || delivery.postedInChannel || delivery.unreachable || delivery.failed || delivery.gone) {
      logger.info({ instanceId: this.options.instanceId, planned: planned.map((p) => ({ planId: p.planId, created: 'created' in p ? p.created : 0 })), codesStripped: retention.reduce((n, r) => n + r.stripped, 0), ...delivery }, 'reminder tick');
    }
    return { planning, retention, delivery };
  }
}

/** What went wrong, in one line: Cosmos errors often carry only a status code, with an empty message. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return `${err.name}${code !== undefined ? ` ${String(code)}` : ''}${err.message ? `: ${err.message}` : ''}`;
}
