import type { AttendanceRecord } from '../domain/attendance/attendance';
import type { Activity } from '../domain/plan/schema';
import type { Messages } from '../i18n';
import type { AttendanceForm } from '../usecases/logAttendance';
import { recordSavedCard } from './recordSavedCard';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

const fields = ['activityId', 'date', 'headcount', 'newParticipants'] as const;

/** A whole number goes back into an Input.Number; anything else cannot, and is left out. */
function numberOrEmpty(value: string | undefined): number | string {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : '';
}

export function attendanceFormCard(m: Messages, form: AttendanceForm): CardJson {
  const errors: Record<string, string> = Object.fromEntries(fields.map((f) => [f, '']));
  for (const e of form.errors) errors[e.field] = errors[e.field] ? `${errors[e.field]} ${m.fieldErrors[e.code]}` : m.fieldErrors[e.code];
  const activityKnown = form.activities.some((a) => a.id === form.values.activityId);
  return renderCard('attendance-form', {
    labels: { ...m.attendanceForm, required: m.fieldErrors.required },
    planName: form.plan.name,
    planId: form.plan.id,
    submissionId: form.submissionId,
    notice: form.unreadable ? m.attendanceForm.unreadable : form.errors.length ? m.attendanceForm.fixBelow : '',
    activities: form.activities.map((a) => ({ id: a.id, name: a.name })),
    values: {
      activityId: activityKnown ? form.values.activityId : '',
      date: form.values.date ?? '',
      headcount: numberOrEmpty(form.values.headcount),
      newParticipants: numberOrEmpty(form.values.newParticipants),
    },
    errors,
  });
}

export function attendanceSavedCard(m: Messages, planName: string, record: AttendanceRecord, activity: Activity, alreadySaved: boolean): CardJson {
  const s = m.attendanceSaved;
  return recordSavedCard({
    title: s.title,
    planName,
    notice: alreadySaved ? s.alreadySaved : '',
    facts: [
      { title: s.activity, value: activity.name },
      { title: s.date, value: m.formatDate(record.date) },
      { title: s.headcount, value: m.formatNumber(record.headcount) },
      ...(record.newParticipants === undefined ? [] : [{ title: s.newParticipants, value: m.formatNumber(record.newParticipants) }]),
    ],
    actions: [
      { title: s.logAnother, verb: cardVerbs.showAttendanceForm },
      { title: s.status, verb: cardVerbs.showStatus },
    ],
  });
}
