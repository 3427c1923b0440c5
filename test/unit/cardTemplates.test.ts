import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { attendanceFormCard, attendanceSavedCard } from '../../src/cards/attendanceCards';
import { helpCard } from '../../src/cards/helpCard';
import { loadTemplate, templateNames, type CardJson } from '../../src/cards/renderCard';
import { statusCard } from '../../src/cards/statusCard';
import { calendarYear } from '../../src/domain/calendar';
import type { Plan } from '../../src/domain/plan/schema';
import { attendanceStatus } from '../../src/domain/status/attendanceStatus';
import { catalogues } from '../../src/i18n';
import { loadPlanFile, planFiles } from '../fixtures/plans';
import { parseCardWithMicrosoftParser } from '../support/adaptiveCards';

const TEAMS_CARD_LIMIT = 28 * 1024;

/** Every card the bot can send, rendered with real view models from a plan. */
function everyCard(plan: Plan, m: (typeof catalogues)['da']): Record<string, CardJson> {
  const activity = plan.activities[0]!;
  const record = { id: 'attendance-x', planId: plan.id, type: 'attendance' as const, activityId: activity.id, date: '2024-09-10', headcount: 12, newParticipants: 3, loggedBy: 'alex-wilber', loggedAt: '2024-09-10T18:00:00Z' };
  const form = { plan, activities: plan.activities, submissionId: '4a0c2c1e-8f55-4a61-9d1c-2a8f7c1d9e10', values: { date: '2024-09-10' }, errors: [] };
  const records = plan.activities.map((a, i) => ({ ...record, id: `r${i}`, activityId: a.id }));
  return {
    help: helpCard(m, plan.name),
    'attendance-form': attendanceFormCard(m, form),
    'attendance-form with errors': attendanceFormCard(m, {
      ...form,
      values: { activityId: activity.id, date: '2031-01-01', headcount: '-1' },
      errors: [
        { field: 'date', code: 'afterPlanPeriod' },
        { field: 'headcount', code: 'negative' },
      ],
    }),
    'attendance-form unreadable': attendanceFormCard(m, { ...form, unreadable: true }),
    'attendance-saved': attendanceSavedCard(m, plan.name, record, activity, false),
    'attendance-saved again': attendanceSavedCard(m, plan.name, record, activity, true),
    status: statusCard(m, { kind: 'status', plan, year: 2024, today: '2024-12-31', activities: attendanceStatus(plan, records, calendarYear(2024), '2024-12-31') }),
  };
}

describe('the card templates', () => {
  it('are all known to the renderer, so none escapes these checks', () => {
    const files = readdirSync(join(__dirname, '..', '..', 'adaptive-cards')).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(files.sort()).toEqual([...templateNames].sort());
  });

  it.each(templateNames)('%s.json declares version 1.5', (name) => {
    const template = loadTemplate(name);
    expect(template).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  for (const [planName, file] of Object.entries(planFiles)) {
    describe(`rendered for the ${planName} plan`, () => {
      const plan = loadPlanFile(file);
      for (const [language, m] of Object.entries(catalogues)) {
        for (const [cardName, card] of Object.entries(everyCard(plan, m))) {
          it(`${cardName} (${language}) parses without errors and stays under 28 KB`, () => {
            expect(parseCardWithMicrosoftParser(card).errors).toEqual([]);
            expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_CARD_LIMIT);
          });
        }
      }
    });
  }

  it('puts an Action.Submit fallback on every Action.Execute, carrying the same verb', () => {
    const plan = loadPlanFile(planFiles.husumTingbjerg);
    for (const card of Object.values(everyCard(plan, catalogues.da))) {
      const executes = JSON.stringify(card).match(/"type":"Action\.Execute"/g)?.length ?? 0;
      const actions = (card.actions as { type: string; verb: string; fallback?: { type: string; data?: { verb?: string } } }[] | undefined) ?? [];
      expect(actions.filter((a) => a.type === 'Action.Execute')).toHaveLength(executes);
      for (const a of actions) expect(a.fallback).toMatchObject({ type: 'Action.Submit', data: { verb: a.verb } });
    }
  });
});
