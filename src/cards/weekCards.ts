import { isoWeekDays, isoWeekNumber } from '../domain/calendar';
import type { AttendanceRecord } from '../domain/attendance/attendance';
import type { Activity, Plan } from '../domain/plan/schema';
import type { Messages } from '../i18n';
import type { WeekForm } from '../usecases/logWeek';
import { formFrame, numberOrEmpty } from './formFrame';
import { recordSavedCard } from './recordSavedCard';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

export function weekFormCard(m: Messages, form: WeekForm): CardJson {
  const w = m.weekForm;
  const errorOf = (field: string) =>
    form.errors
      .filter((e) => e.field === field)
      .map((e) => (field === 'days' ? w.noDays : m.fieldErrors[e.code]))
      .join(' ');
  const { values, days } = form;
  const frame = formFrame(m, form, w);
  return renderCard('attendance-week', {
    ...frame,
    notice: form.weekChanged ? w.weekChanged(isoWeekNumber(days[0]!)) : frame.notice,
    shownWeek: days[0]!,
    weeks: form.weeks.map((monday) => ({ title: w.weekChoice(isoWeekNumber(monday), m.formatDate(monday), m.formatDate(isoWeekDays(monday)[6]!)), value: monday })),
    activities: form.activities.map((a) => ({ title: a.name, value: a.id })),
    weekLabel: w.week(isoWeekNumber(days[0]!), m.formatDate(days[0]!), m.formatDate(days[6]!)),
    values: { activityId: form.activities.some((a) => a.id === values.activityId) ? values.activityId : '', weekOf: days[0]! },
    errors: { activityId: errorOf('activityId'), weekOf: errorOf('weekOf'), days: errorOf('days') },
    days: days.map((date, i) => ({
      label: `${w.weekdays[i]} ${m.formatDate(date)}`,
      headcountId: `day${i + 1}Headcount`,
      newId: `day${i + 1}New`,
      headcountLabel: w.headcount,
      newLabel: w.newParticipants,
      headcount: numberOrEmpty(values[`day${i + 1}Headcount` as const]),
      newParticipants: numberOrEmpty(values[`day${i + 1}New` as const]),
      error: errorOf(`day${i + 1}`),
    })),
  });
}

export function weekSavedCard(m: Messages, plan: Plan, activity: Activity, records: AttendanceRecord[]): CardJson {
  const w = m.weekForm;
  return recordSavedCard({
    title: w.savedTitle,
    planName: plan.name,
    notice: w.savedFacts(records.length),
    facts: [
      { title: m.attendanceSaved.activity, value: activity.name },
      ...records.map((r) => ({ title: `${w.weekdays[(new Date(`${r.date}T00:00:00Z`).getUTCDay() + 6) % 7]} ${m.formatDate(r.date)}`, value: w.savedDay(m.formatNumber(r.headcount), r.newParticipants ? m.formatNumber(r.newParticipants) : '') })),
    ],
    actions: [
      { title: w.title, verb: cardVerbs.showWeekForm },
      { title: m.attendanceSaved.status, verb: cardVerbs.showStatus },
    ],
  });
}
