import type { OutboxItem, OutboxStatus } from './outbox';

/** How long a finished outbox item is kept, for "was it sent?" questions and as the record that it was. */
export const OUTBOX_RETENTION_DAYS = 30;

/** Statuses after which an item is never sent; anything else (pending, sending, held) still may be. */
const finished: ReadonlySet<OutboxStatus> = new Set(['sent', 'postedInChannel', 'digested', 'muted', 'unreachable', 'dead', 'failed']);

/**
 * Reminders planned again every morning for as long as their condition holds: a milestone stays
 * overdue, a referral stays open past its follow-up date, possibly for years. Their stored item is
 * what stops a second send (planning meets it and creates nothing), so it is kept while the plan
 * is. Every other reminder's id is planned on a few days only (at most 15, a milestone coming due),
 * well inside the retention period; test/unit/domain/outboxRetention.test.ts walks a year to check.
 */
const plannedWhileTrue: ReadonlySet<OutboxItem['kind']> = new Set(['milestoneOverdue', 'referralFollowUp']);

/** Days an item may be kept from its last change, or undefined to keep it: never before it is finished. */
export function outboxRetentionDays(item: Pick<OutboxItem, 'kind' | 'status'>): number | undefined {
  if (!finished.has(item.status) || plannedWhileTrue.has(item.kind)) return undefined;
  return OUTBOX_RETENTION_DAYS;
}
