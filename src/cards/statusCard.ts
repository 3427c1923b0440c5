import { describeAmount, type Judgement } from '../domain/status/judge';
import type { Messages } from '../i18n';
import type { StatusResult } from '../usecases/getStatus';
import { renderCard, type CardJson } from './renderCard';

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
        text: `${s.target}: ${t.target.text} (${describeAmount(t.target.amount, s.amountWords)} ${s.targetKind[t.target.kind]})`,
        actual: fmt(t.actual),
        marker: s.judgement[t.judgement],
        color: colorOf[t.judgement],
      })),
    })),
  });
}
