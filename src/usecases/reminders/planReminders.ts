import { addDays, addMonths, isoWeekDays, localDate, type IsoDate } from '../../domain/calendar';
import type { Clock } from '../../domain/clock';
import { dueReminders, type ReminderSettings } from '../../domain/reminders/dueReminders';
import { digestItem, outboxItemsFor, type ReminderPreferences } from '../../domain/reminders/outbox';
import type { Repositories } from '../ports';

export interface PlanningOptions {
  /** Who is planning (one id per process), written into the lease. */
  instanceId: string;
  /** How long a lease lasts if its holder dies mid-planning. */
  leaseMs: number;
  /** Reminders are planned from this local hour, so they arrive in the working day. */
  fromHour: number;
  settings?: ReminderSettings;
}

export type PlanningResult =
  | { kind: 'planned'; planId: string; date: IsoDate; created: number; digests: number }
  | { kind: 'alreadyPlanned' | 'tooEarly' | 'leaseHeldElsewhere' | 'notRunning' | 'noPlan'; planId: string }
  /** Planning threw (the scheduler logs the error too): nothing or only part was planned; the next tick after the lease runs out tries again. */
  | { kind: 'failed'; planId: string; error: string };


function localHour(instant: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(instant));
}

/**
 * Plans one plan's reminders for today into the outbox, once a day, under the plan's lease.
 * Items have deterministic ids, so even two planners racing past the lease create each once.
 */
export async function planReminders(repos: Repositories, clock: Clock, planId: string, options: PlanningOptions): Promise<PlanningResult> {
  const stored = await repos.plans.get(planId);
  if (!stored) return { kind: 'noPlan', planId };
  const { plan } = stored;
  const now = clock.now();
  const today = localDate(now, plan.timeZone);
  // Overdue milestones are still chased for a while after the plan period ends.
  if (today < plan.period.start || today > addMonths(plan.period.end, 3)) return { kind: 'notRunning', planId };
  if (localHour(now, plan.timeZone) < options.fromHour) return { kind: 'tooEarly', planId };

  const lease = await repos.outbox.acquireLease(planId, options.instanceId, now.toISOString(), new Date(now.getTime() + options.leaseMs).toISOString());
  if (!lease) return { kind: 'leaseHeldElsewhere', planId };
  const release = (plannedFor?: IsoDate) => repos.outbox.saveLease({ ...lease.record, ...(plannedFor ? { plannedFor } : {}), expiresAt: now.toISOString() }, lease.etag);
  if (lease.record.plannedFor === today) {
    await release();
    return { kind: 'alreadyPlanned', planId };
  }

  const lastWeek = isoWeekDays(addDays(today, -7));
  const [meetings, openReferrals, lastWeekAttendance, milestoneStates, nextMeetings] = await Promise.all([
    repos.records.listInRange(planId, 'meeting', { from: addDays(today, -180), to: today }),
    repos.records.listOpenReferralsDue(planId, today),
    repos.records.listInRange(planId, 'attendance', { from: lastWeek[0]!, to: lastWeek[6]! }),
    repos.schedule.milestoneStates(planId),
    repos.schedule.nextMeetings(planId),
  ]);
  const reminders = dueReminders({ plan, today, meetings, openReferrals, lastWeekAttendance, milestoneStates: milestoneStates.map((s) => s.record), nextMeetings, ...(options.settings ? { settings: options.settings } : {}) });

  const networkIds = [...new Set(reminders.flatMap((r) => (r.networkId ? [r.networkId] : [])))];
  const channels = new Map(await Promise.all(networkIds.map(async (id) => [id, await repos.channels.linkedTo(planId, id)] as const)));
  const preferences = new Map<string, ReminderPreferences>();
  // Someone known by e-mail address only has never used Logbog, so has no settings yet.
  for (const member of plan.members) if (member.aadObjectId) preferences.set(member.aadObjectId, await repos.preferences.get(member.aadObjectId));

  const items = outboxItemsFor({ plan, reminders, now, channelsOf: (id) => channels.get(id) ?? [], preferencesOf: (aad) => preferences.get(aad) ?? {} });
  const created = await repos.outbox.createMissing(items);

  // Monday: members who chose a weekly digest get the week's held reminders in one card.
  let digests = 0;
  if (lastWeek[0] === addDays(today, -7)) {
    for (const member of plan.members) {
      const prefs = (member.aadObjectId ? preferences.get(member.aadObjectId) : undefined) ?? {};
      if (!prefs.weeklyDigest) continue;
      const held = await repos.outbox.heldFor(planId, member.id);
      if (!held.length) continue;
      digests += await repos.outbox.createMissing([digestItem(plan, member.id, member.aadObjectId, today, held.map((h) => h.record), now, prefs)]);
      for (const h of held) await repos.outbox.update({ ...h.record, status: 'digested' }, h.etag);
    }
  }
  await release(today);
  return { kind: 'planned', planId, date: today, created, digests };
}
