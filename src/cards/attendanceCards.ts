import { ageInputId, genderInputId, genders, type AttendanceEntry, type AttendanceRecord, type Gender } from '../domain/attendance/attendance';
import { ageBandsOf } from '../domain/records/ageBands';
import type { Activity } from '../domain/plan/schema';
import type { Messages } from '../i18n';
import type { AttendanceForm } from '../usecases/logAttendance';
import { formFrame, numberOrEmpty } from './formFrame';
import { recordSavedCard } from './recordSavedCard';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

const fields = ['activityId', 'date', 'headcount', 'newParticipants', 'volunteers', 'placeId', 'sessionKind', 'organisations', 'byAgeBand', 'byGender', 'participantCodes', 'note'] as const;
/** Age inputs per row: a plan may have up to eight bands, and a row of three fits a phone. */
const CELLS_PER_ROW = 3;

export function attendanceFormCard(m: Messages, form: AttendanceForm): CardJson {
  const f = m.attendanceForm;
  const errors: Record<string, string> = Object.fromEntries(fields.map((k) => [k, '']));
  const cellErrors: string[] = [];
  for (const e of form.errors) {
    const text = m.fieldErrors[e.code];
    if (e.field.startsWith('age_') || e.field.startsWith('gender_')) cellErrors.push(`${e.field.startsWith('age_') ? m.ageBandName(e.field.slice(4)) : f.genderNames[e.field.slice(7) as Gender]}: ${text}`);
    else errors[e.field] = errors[e.field] ? `${errors[e.field]} ${text}` : text;
  }
  const { values, plan } = form;
  const activityKnown = form.activities.some((a) => a.id === values.activityId);
  const bands = ageBandsOf(plan);
  const detailFields = ['volunteers', 'placeId', 'organisations', 'byAgeBand', 'byGender', 'participantCodes', 'note'];
  const hasDetails = detailFields.some((k) => values[k as keyof AttendanceEntry]) || bands.some((b) => values[ageInputId(b)]) || genders.some((g) => values[genderInputId(g)]);
  const ageCells = bands.map((b) => ({ id: ageInputId(b), label: m.ageBandName(b), value: numberOrEmpty(values[ageInputId(b)]) }));
  const ageRows = Array.from({ length: Math.ceil(ageCells.length / CELLS_PER_ROW) }, (_, i) => ({ cells: ageCells.slice(i * CELLS_PER_ROW, (i + 1) * CELLS_PER_ROW) }));
  // "2 feriecamps og 1 festival": the plan counts some kinds of session apart, so they are asked for.
  const sessionKinds = plan.activities.flatMap((a) => a.sessionKinds.map((k) => ({ title: `${k.name} (${a.name})`, value: k.id })));
  const organisationChoices = plan.organisations.map((o) => ({ title: o.name, value: o.id }));
  return renderCard('attendance-form', {
    ...formFrame(m, form, f, m.myEntries.correctTitle),
    // Details stay open when the user has filled any in, or when one of them is wrong.
    showDetails: hasDetails || form.errors.some((e) => !['activityId', 'date', 'headcount', 'newParticipants'].includes(e.field)),
    activities: form.activities.map((a) => ({ id: a.id, name: a.name })),
    places: plan.places.filter((p) => p.kind !== 'subArea').map((p) => ({ title: p.name, value: p.id })),
    ageRows,
    sessionKinds,
    organisationChoices,
    asksForOrganisations: sessionKinds.length > 0,
    genderCells: genders.map((g) => ({ id: genderInputId(g), label: f.genderNames[g], value: numberOrEmpty(values[genderInputId(g)]) })),
    splitCellErrors: cellErrors.join(' '),
    values: {
      activityId: activityKnown ? values.activityId : '',
      date: values.date ?? '',
      headcount: numberOrEmpty(values.headcount),
      newParticipants: numberOrEmpty(values.newParticipants),
      volunteers: numberOrEmpty(values.volunteers),
      placeId: plan.places.some((p) => p.id === values.placeId) ? values.placeId : '',
      sessionKind: sessionKinds.some((k) => k.value === values.sessionKind) ? values.sessionKind : '',
      organisations: (values.organisations ?? '').split(',').filter((o) => plan.organisations.some((x) => x.id === o)).join(','),
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
