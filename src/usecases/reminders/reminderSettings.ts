import type { Clock } from '../../domain/clock';
import { isClockTime } from '../../domain/clockTime';
import type { FieldError } from '../../domain/fieldErrors';
import { reminderKinds, type ReminderKind } from '../../domain/reminders/dueReminders';
import type { ReminderPreferences } from '../../domain/reminders/outbox';
import { authorize, isDenied, type Denied } from '../authorize';
import type { Repositories } from '../ports';

export interface ReminderSettingsForm {
  kind: 'reminderSettings';
  values: { mutedKinds: string; quietFrom: string; quietTo: string; weeklyDigest: boolean };
  errors: FieldError[];
  saved: boolean;
}


function formOf(prefs: ReminderPreferences): ReminderSettingsForm['values'] {
  return { mutedKinds: (prefs.mutedKinds ?? []).join(','), quietFrom: prefs.quietHours?.from ?? '', quietTo: prefs.quietHours?.to ?? '', weeklyDigest: prefs.weeklyDigest ?? false };
}

/** `indstillinger`: which reminders a member gets, when, and whether as one weekly card. */
export async function showReminderSettings(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<ReminderSettingsForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'manageSchedule');
  if (isDenied(member)) return member;
  return { kind: 'reminderSettings', values: formOf(await repos.preferences.get(aadObjectId!)), errors: [], saved: false };
}

export async function saveReminderSettings(repos: Repositories, clock: Clock, aadObjectId: string | undefined, payload: unknown): Promise<ReminderSettingsForm | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'manageSchedule');
  if (isDenied(member)) return member;
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const values = { mutedKinds: String(p.mutedKinds ?? ''), quietFrom: String(p.quietFrom ?? ''), quietTo: String(p.quietTo ?? ''), weeklyDigest: String(p.weeklyDigest) === 'true' };
  const errors: FieldError[] = [];
  const muted = values.mutedKinds.split(',').map((s) => s.trim()).filter(Boolean);
  if (muted.some((k) => !(reminderKinds as readonly string[]).includes(k))) errors.push({ field: 'mutedKinds', code: 'unknownChoice' });
  for (const field of ['quietFrom', 'quietTo'] as const) {
    if (values[field] && !isClockTime(values[field])) errors.push({ field, code: 'invalidTime' });
  }
  if (!!values.quietFrom !== !!values.quietTo) errors.push({ field: values.quietFrom ? 'quietTo' : 'quietFrom', code: 'required' });
  if (errors.length) return { kind: 'reminderSettings', values, errors, saved: false };
  const current = await repos.preferences.get(aadObjectId!);
  const { mutedKinds: _m, quietHours: _q, weeklyDigest: _w, ...rest } = current;
  await repos.preferences.save(aadObjectId!, {
    ...rest,
    ...(muted.length ? { mutedKinds: muted as ReminderKind[] } : {}),
    ...(values.quietFrom && values.quietTo ? { quietHours: { from: values.quietFrom, to: values.quietTo } } : {}),
    ...(values.weeklyDigest ? { weeklyDigest: true } : {}),
  });
  return { kind: 'reminderSettings', values, errors: [], saved: true };
}
