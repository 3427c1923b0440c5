import { reminderCard } from '../../src/cards/reminderCards';
import { cardVerbs } from '../../src/cards/verbs';
import type { DigestLine, OutboxItem } from '../../src/domain/reminders/outbox';
import { catalogues } from '../../src/i18n';
import { textsOf } from '../support/botHarness';
import { loadDemoPlan } from '../fixtures/plans';

const plan = loadDemoPlan();
const m = catalogues.da;
const weekly = plan.activities.slice(0, 5).map((a) => a.id);

function digestOf(lines: DigestLine[]): OutboxItem {
  return {
    id: 'daily',
    type: 'outbox',
    planId: plan.id,
    reminderId: 'daily:alex-wilber:2025-06-16',
    kind: 'digest',
    digestOf: 'day',
    recipient: { kind: 'member', memberId: 'alex-wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' },
    about: { date: '2025-06-16' },
    lines,
    status: 'pending',
    plannedAt: '2025-06-16T08:00:00.000Z',
    notBefore: '2025-06-16T08:00:00.000Z',
    attempts: 0,
  };
}

const missing = (activityId: string): DigestLine => ({ kind: 'missingAttendance', about: { date: '2025-06-09', activityId } });
/** Every Action.Execute anywhere in the card. */
function actionsOf(node: unknown): { title?: string; verb?: string }[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (!node || typeof node !== 'object') return [];
  const own = (node as { type?: string }).type === 'Action.Execute' ? [node as { title?: string; verb?: string }] : [];
  return [...own, ...Object.values(node).flatMap(actionsOf)];
}

describe("the day's digest", () => {
  it('gathers five activities without attendance into one item with the week form, so the milestone due soon still fits', () => {
    const milestone = plan.milestones[0]!;
    const card = reminderCard(m, digestOf([...weekly.map(missing), { kind: 'milestoneDue', about: { date: '2025-06-20', milestoneId: milestone.id } }]), plan);
    const texts = textsOf(card);
    expect(texts.filter((t) => t.startsWith('📋'))).toEqual(['📋 Intet fremmøde logget for 5 aktiviteter i uge 24']);
    expect(texts.some((t) => t.startsWith('🏁'))).toBe(true);
    expect(actionsOf(card).filter((a) => a.verb === cardVerbs.showWeekForm)).toHaveLength(1);
  });

  it('keeps two activities without attendance as items of their own', () => {
    const texts = textsOf(reminderCard(m, digestOf(weekly.slice(0, 2).map(missing)), plan));
    expect(texts.filter((t) => t.startsWith('📋'))).toHaveLength(2);
  });
});
