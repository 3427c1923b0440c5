import { parseStatusQuery } from '../../../src/domain/status/statusQuery';
import { loadDemoPlan } from '../../fixtures/plans';

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
