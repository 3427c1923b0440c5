import { localDate } from '../domain/calendar';
import type { Clock } from '../domain/clock';
import { retentionCutoff, stripPersonCodes } from '../domain/privacy/retention';
import { auditEntry } from '../domain/records/audit';
import { authorize, isDenied, type Denied } from './authorize';
import type { Repositories } from './ports';

export interface RetentionReport {
  kind: 'done';
  planId: string;
  cutoff: string;
  stripped: number;
  /** Records someone changed while the job ran; the next run takes them. */
  skipped: number;
}

/**
 * Removes person codes from a plan's records older than its retention period (default 24
 * months). Run by the scheduler, or by an admin from chat; safe to run again at any time.
 */
export async function applyRetention(repos: Repositories, clock: Clock, planId: string, actor: string): Promise<RetentionReport> {
  const stored = await repos.plans.get(planId);
  if (!stored) throw new Error(`unknown plan ${planId}`);
  const now = clock.now();
  const today = localDate(now, stored.plan.timeZone);
  const cutoff = retentionCutoff(stored.plan, today);
  let stripped = 0;
  let skipped = 0;
  for (const record of await repos.records.listWithPersonCodesBefore(planId, cutoff)) {
    const current = await repos.records.get(planId, record.id);
    if (!current || (current.record.type !== 'attendance' && current.record.type !== 'referral')) continue;
    const cleaned = stripPersonCodes(current.record);
    if ((await repos.records.replace(cleaned, current.etag)) === 'conflict') {
      skipped++;
      continue;
    }
    await repos.audit.append(auditEntry({ planId, at: now.toISOString(), actor, action: 'stripPersonCodes', recordType: record.type, recordId: record.id, discriminator: cutoff, before: current.record, after: cleaned }));
    stripped++;
  }
  return { kind: 'done', planId, cutoff, stripped, skipped };
}

/** The chat entry point: only an admin of the plan may run it. */
export async function applyRetentionAsMember(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<RetentionReport | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'runRetention');
  if (isDenied(member)) return member;
  return applyRetention(repos, clock, member.plan.id, member.membership.memberId);
}
