import type { Clock } from '../domain/clock';
import { auditEntry } from '../domain/records/audit';
import { correctRecord } from './correctRecord';
import type { SaveResult } from './forms';
import type { LoggedRecord, Repositories } from './ports';
import type { MemberInPlan } from './resolveMember';

/**
 * The last step every simple form shares: store a new record once (its id derives from the
 * card's submission id, so a retried submit stores nothing twice) with its audit entry, or
 * correct the stored one the card was opened from.
 */
export async function saveRecord<R extends LoggedRecord, F>(
  repos: Repositories,
  clock: Clock,
  member: MemberInPlan,
  submit: { submissionId: string; correcting?: string | undefined },
  facts: Omit<R, 'id' | 'planId' | 'type' | 'loggedBy' | 'loggedAt'>,
  type: R['type'],
): Promise<SaveResult<R, F>> {
  const { plan, membership } = member;
  if (submit.correcting) {
    const result = await correctRecord(repos, clock, member, type, submit.correcting, submit.submissionId, (current) => {
      const { id, planId, loggedBy, loggedAt } = current;
      return { ...facts, id, planId, type, loggedBy, loggedAt } as unknown as typeof current;
    });
    return result.kind === 'refused' ? result : { kind: 'saved', plan, record: result.record as unknown as R, alreadySaved: result.alreadySaved, corrected: true };
  }
  const record = { ...facts, id: `${type}-${submit.submissionId}`, planId: plan.id, type, loggedBy: membership.memberId, loggedAt: clock.now().toISOString() } as unknown as R;
  // The audit entry is stored with the record in one batch; a retry finds the record and stores neither again.
  const { created, record: stored } = await repos.records.createOnce(
    record,
    auditEntry({ planId: plan.id, at: record.loggedAt, actor: membership.memberId, action: 'create', recordType: type, recordId: record.id, discriminator: 'first', after: record }),
    member.proof,
  );
  return { kind: 'saved', plan, record: stored, alreadySaved: !created };
}
