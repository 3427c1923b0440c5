import type { Messages } from '../i18n';
import { renderCard, type CardJson } from './renderCard';

export function helpCard(m: Messages, planName: string | undefined): CardJson {
  return renderCard('help', {
    title: m.help.title,
    intro: planName ? m.help.intro(planName) : '',
    commands: m.help.commands,
    labels: { logAttendance: m.help.logAttendanceButton, status: m.help.statusButton },
  });
}
