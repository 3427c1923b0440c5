import { ageInputId, genderInputId, genders, type AttendanceEntry, type AttendanceRecord, type Gender } from '../domain/attendance/attendance';
import { ageBands, type AgeBand } from '../domain/records/ageBands';
import type { Activity } from '../domain/plan/schema';
import type { Messages } from '../i18n';
import type { AttendanceForm } from '../usecases/logAttendance';
import { formFrame, numberOrEmpty } from './formFrame';
import { recordSavedCard } from './recordSavedCard';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

const fields = ['activityId', 'date', 'headcount', 'newParticipants', 'volunteers', 'placeId', 'byAgeBand', 'byGender', 'participantCodes', 'note'] as const;

export function attendanceFormCard(m: Messages, form: AttendanceForm): CardJson {
  const f = m.attendanceForm;
  const errors: Record<string, string> = Object.fromEntries(fields.map((k) => [k, '']));
  const cellErrors: string[] = [];
  for (const e of form.errors) {
    const text = m.fieldErrors[e.code];
    if (e.field.startsWith('age_') || e.field.startsWith('gender_')) cellErrors.push(`${e.field.startsWith('age_') ? m.ageBandNames[e.field.slice(4) as AgeBand] : f.genderNames[e.field.slice(7) as Gender]}: ${text}`);
    else errors[e.field] = errors[e.field] ? `${errors[e.field]} ${text}` : text;
  }
  const { values, plan } = form;
  const activityKnown = form.activities.some((a) => a.id === values.activityId);
  const detailFields = ['volunteers', 'placeId', 'byAgeBand', 'byGender', 'participantCodes', 'note'];
  const hasDetails = detailFields.some((k) => values[k as keyof AttendanceEntry]) || ageBands.some((b) => values[ageInputId(b)]) || genders.some((g) => values[genderInputId(g)]);
  const ageCells = ageBands.map((b) => ({ id: ageInputId(b), label: m.ageBandNames[b], value: numberOrEmpty(values[ageInputId(b)]) }));
  return renderCard('attendance-form', {
    ...formFrame(m, form, f, m.myEntries.correctTitle),
    // Details stay open when the user has filled any in, or when one of them is wrong.
    showDetails: hasDetails || form.errors.some((e) => !['activityId', 'date', 'headcount', 'newParticipants'].includes(e.field)),
    activities: form.activities.map((a) => ({ id: a.id, name: a.name })),
    places: plan.places.filter((p) => p.kind !== 'subArea').map((p) => ({ title: p.name, value: p.id })),
    ageRows: [{ cells: ageCells.slice(0, 3) }, { cells: ageCells.slice(3) }],
    genderCells: genders.map((g) => ({ id: genderInputId(g), label: f.genderNames[g], value: numberOrEmpty(values[genderInputId(g)]) })),
    splitCellErrors: cellErrors.join(' '),
    values: {
      activityId: activityKnown ? values.activityId : '',
      date: values.date ?? '',
      headcount: numberOrEmpty(values.headcount),
      newParticipants: numberOrEmpty(values.newParticipants),
      volunteers: numberOrEmpty(values.volunteers),
      placeId: plan.places.some((p) => p.id === values.placeId) ? values.placeId : '',
      participantCodes: values.participantCodes ?? '',
      note: values.note ?? '',
    },
    errors,
  });
}

export function attendanceSavedCard(m: Messages, planName: string, record: AttendanceRecord, activity: Activity, alreadySaved: boolean, corrected = false): CardJson {
  const s = m.attendanceSaved;
  return recordSavedCard({
    title: s.title,
    planName,
    notice: corrected ? m.myEntries.corrected : alreadySaved ? s.alreadySaved : '',
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
