import type { Clock } from '../domain/clock';
import { auditEntry } from '../domain/records/audit';
import { changeDecision } from './changeRights';
import { FreshMembershipNeeded } from './freshMembershipNeeded';
import type { LoggedRecord, RecordType, Repositories } from './ports';
import type { MemberInPlan } from './resolveMember';

export type CorrectionRefusal = 'notYours' | 'editWindowClosed' | 'notFound' | 'changedMeanwhile';
export type CorrectionResult<R> = { kind: 'corrected'; record: R; alreadySaved: boolean } | { kind: 'refused'; reason: CorrectionRefusal };

const stamps = (r: object) => JSON.stringify({ ...r, correctedAt: undefined, correctedBy: undefined });

/**
 * Replaces a stored record with a corrected one, if the member may change it (the author within
 * the edit window, the network's coordinator, a leader), and logs before and after. A retried
 * submit of the same correction finds the values in place and reports them as saved.
 */
export async function correctRecord<T extends RecordType, R extends Extract<LoggedRecord, { type: T }>>(
  repos: Repositories,
  clock: Clock,
  member: MemberInPlan,
  type: T,
  recordId: string,
  submissionId: string,
  correct: (current: R) => R,
): Promise<CorrectionResult<R>> {
  // A correction's writes carry no membership proof: it is made on a fresh read.
  if (member.proof) throw new FreshMembershipNeeded();
  const { plan, membership } = member;
  const found = await repos.records.get(plan.id, recordId);
  if (!found || found.record.type !== type) return { kind: 'refused', reason: 'notFound' };
  const current = found.record as R;
  const corrected = correct(current);
  if (stamps(corrected) === stamps(current)) return { kind: 'corrected', record: current, alreadySaved: true };
  const decision = changeDecision(member, current);
  if (decision !== 'allowed') return { kind: 'refused', reason: decision };
  const now = clock.now().toISOString();
  const withStamp = { ...corrected, correctedAt: now, correctedBy: membership.memberId };
  if ((await repos.records.replace(withStamp, found.etag)) === 'conflict') return { kind: 'refused', reason: 'changedMeanwhile' };
  await repos.audit.append(auditEntry({ planId: plan.id, at: now, actor: membership.memberId, action: 'update', recordType: type, recordId, discriminator: submissionId, before: current, after: withStamp }));
  return { kind: 'corrected', record: withStamp, alreadySaved: false };
}
