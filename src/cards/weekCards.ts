import { isoWeekNumber } from '../domain/calendar';
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
  return renderCard('attendance-week', {
    ...formFrame(m, form, w),
    activities: form.activities.map((a) => ({ title: a.name, value: a.id })),
    weekLabel: w.week(isoWeekNumber(days[0]!), m.formatDate(days[0]!), m.formatDate(days[6]!)),
    values: { activityId: form.activities.some((a) => a.id === values.activityId) ? values.activityId : '', weekOf: values.weekOf ?? '' },
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
      ...records.map((r) => ({ title: m.formatDate(r.date), value: `${m.formatNumber(r.headcount)}${r.newParticipants ? ` (+${r.newParticipants})` : ''}` })),
    ],
    actions: [
      { title: w.title, verb: cardVerbs.showWeekForm },
      { title: m.attendanceSaved.status, verb: cardVerbs.showStatus },
    ],
  });
}
