import { parseStatusQuery } from '../../../src/domain/status/statusQuery';
import { loadDemoPlan, loadPlanFile, planFiles } from '../../fixtures/plans';

const plan = loadDemoPlan();
const today = '2025-11-20';
const ask = (text: string) => parseStatusQuery(text, plan, today);

describe('reading what a leader asks', () => {
  it.each([
    ['status', { kind: 'plan' }, '2025', '2025-01-01', '2025-12-31'],
    ['status 2024', { kind: 'plan' }, '2024', '2024-01-01', '2024-12-31'],
    ['status sidste kvartal', { kind: 'plan' }, '3. kvartal 2025', '2025-07-01', '2025-09-30'],
    ['status Din Fritid i år', { kind: 'activity', id: 'din-fritid' }, '2025', '2025-01-01', '2025-12-31'],
    ['status din fritid-netværket 2. kvartal 2025', { kind: 'network', id: 'din-fritid-netvaerk' }, '2. kvartal 2025', '2025-04-01', '2025-06-30'],
    ['status beskæftigelse siden 1. september', { kind: 'focusArea', id: 'beskaeftigelse' }, 'siden 1. september 2025', '2025-09-01', '2025-11-20'],
    ['status legepatrulje siden 1. december', { kind: 'activity', id: 'legepatrulje' }, 'siden 1. december 2024', '2024-12-01', '2025-11-20'],
    ['Hvordan går det med Din Fritid?', { kind: 'activity', id: 'din-fritid' }, '2025', '2025-01-01', '2025-12-31'],
    ['status sidste måned', { kind: 'plan' }, 'oktober 2025', '2025-10-01', '2025-10-31'],
  ])('"%s" is %j over %s', (text, scope, label, from, to) => {
    expect(ask(text)).toMatchObject({ kind: 'status', scope, periodLabel: label, period: { from, to } });
  });

  it('matches aliases, loosely: "brobygningsnetværket" is Din Fritid-netværket', () => {
    expect(ask('status brobygningsnetværket')).toMatchObject({ scope: { kind: 'network', id: 'din-fritid-netvaerk' } });
  });

  it('reads "hvor mange børn er brobygget til foreninger i år?" as a count of started referrals to associations', () => {
    expect(ask('hvor mange børn er brobygget til foreninger i år?')).toMatchObject({ kind: 'count', measure: 'started', toKind: 'association', periodLabel: '2025' });
    expect(ask('hvor mange er henvist til fritidsjob i 2024?')).toMatchObject({ kind: 'count', measure: 'referred', toText: 'fritidsjob', periodLabel: '2024' });
  });

  it('reads "hvilke milepæle er forsinket?"', () => {
    expect(ask('Hvilke milepæle er forsinket?')).toEqual({ kind: 'overdueMilestones' });
  });

  it('says when nothing in the plan has the name', () => {
    expect(ask('status skakklubben')).toEqual({ kind: 'unknownScope', text: 'skakklubben' });
  });
});

describe('Danish letters, and plans that have ended', () => {
  it('keeps the "for" of "forældrecafé" and removes the filler words "går" and "på" (æ, ø and å are letters of a word)', () => {
    const nordvest = loadPlanFile(planFiles.nordvest);
    const cafe = nordvest.activities.find((a) => /for(æ|ae)ldre/i.test(a.name));
    if (cafe) expect(parseStatusQuery(`status ${cafe.name.toLowerCase()}`, nordvest, today)).toMatchObject({ kind: 'status', scope: { kind: 'activity', id: cafe.id } });
    expect(ask('hvordan går det med legepatruljen på det sidste?')).toMatchObject({ kind: 'status', scope: { kind: 'activity', id: 'legepatrulje' } });
  });

  it('reads "hele planperioden", "planperioden" and a span of years as periods', () => {
    expect(ask('status hele planperioden')).toMatchObject({ kind: 'status', scope: { kind: 'plan' }, period: { from: '2024-09-01', to: '2028-08-31' }, periodLabel: 'hele planperioden 2024–2028', wholePlan: true });
    expect(ask('status din fritid planperioden')).toMatchObject({ scope: { kind: 'activity', id: 'din-fritid' }, period: { from: '2024-09-01', to: '2028-08-31' } });
    expect(ask('status 2024-2026')).toMatchObject({ period: { from: '2024-01-01', to: '2026-12-31' }, periodLabel: '2024–2026' });
    expect(ask('status 2025–2027')).toMatchObject({ period: { from: '2025-01-01', to: '2027-12-31' } });
  });

  it('defaults to an ended plan\'s last year, not the current year', () => {
    expect(parseStatusQuery('status', plan, '2031-03-01')).toMatchObject({ period: { from: '2028-01-01', to: '2028-12-31' }, periodLabel: '2028' });
    expect(parseStatusQuery('status', plan, '2024-03-01')).toMatchObject({ periodLabel: '2024' });
  });
});
