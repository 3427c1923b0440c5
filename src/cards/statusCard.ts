import type { AttendanceTarget } from '../domain/status/attendanceStatus';
import { describeAmount, type Judgement } from '../domain/status/judge';
import type { Messages } from '../i18n';
import type { StatusResult } from '../usecases/getStatus';
import { renderCard, type CardJson } from './renderCard';

function goalOf(m: Messages, target: AttendanceTarget): string {
  const amount = describeAmount(target.amount, m.status.amountWords);
  return target.kind === 'count' ? m.status.goal.count(amount, m.status.per[target.per]) : m.status.goal[target.kind](amount);
}

const colorOf: Record<Judgement, string> = { ahead: 'Good', onTrack: 'Good', behind: 'Attention', noData: 'Default' };

export function statusCard(m: Messages, status: Extract<StatusResult, { kind: 'status' }>): CardJson {
  const s = m.status;
  const fmt = (n: number | undefined) => (n === undefined ? s.none : m.formatNumber(n));
  return renderCard('status', {
    title: s.title(status.year),
    subtitle: s.subtitle(status.plan.name, m.formatDate(status.today)),
    empty: status.activities.length ? '' : s.noTargets,
    labels: { logAttendance: s.logAttendance },
    activities: status.activities.map((a) => ({
      name: a.activity.name,
      facts: [
        { title: s.sessions, value: m.formatNumber(a.sessions) },
        { title: s.average, value: fmt(a.averageAttendance) },
      ],
      targets: a.targets.map((t) => ({
        text: `${t.target.text} (${goalOf(m, t.target)})`,
        actual: fmt(t.actual),
        marker: s.judgement[t.judgement],
        color: colorOf[t.judgement],
      })),
    })),
  });
}
