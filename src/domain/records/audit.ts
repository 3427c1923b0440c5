/**
 * One line of the append-only audit log: who changed what, when, before and after.
 * Snapshots never carry person codes (see withoutPersonCodes), so the log needs no clean-up
 * when the retention job strips codes from records.
 */
export interface AuditEntry {
  id: string;
  planId: string;
  type: 'audit';
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete' | 'stripPersonCodes';
  recordType: string;
  recordId: string;
  /** For a change to a plan's people: made on the members card, by a team's roster, or by Teams telling an object id. */
  via?: 'chat' | 'team' | 'teams';
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

const PERSON_CODE_FIELDS = ['participantCodes', 'personCode'];

export function withoutPersonCodes(record: object): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k.startsWith('_')) continue;
    if (PERSON_CODE_FIELDS.includes(k)) copy[`${k}Count`] = Array.isArray(v) ? v.length : v ? 1 : 0;
    else copy[k] = v;
  }
  return copy;
}

export function auditEntry(
  fields: Omit<AuditEntry, 'id' | 'type' | 'before' | 'after'> & { before?: object; after?: object; discriminator?: string },
): AuditEntry {
  const { discriminator, before, after, ...rest } = fields;
  // Deterministic id: a retried request appends nothing twice.
  const id = `audit-${fields.recordId}-${fields.action}-${discriminator ?? fields.at}`;
  return {
    ...rest,
    id,
    type: 'audit',
    ...(before ? { before: withoutPersonCodes(before) } : {}),
    ...(after ? { after: withoutPersonCodes(after) } : {}),
  };
}
