import type { Clock } from '../../domain/clock';
import { isClockTime } from '../../domain/clockTime';
import type { FieldError } from '../../domain/fieldErrors';
import { reminderKinds, type ReminderKind } from '../../domain/reminders/dueReminders';
import type { ReminderPreferences } from '../../domain/reminders/outbox';
import { authorize, isDenied, type Denied } from '../authorize';
import type { Repositories } from '../ports';

export interface ReminderSettingsForm {
  kind: 'reminderSettings';
  /** The kinds the user wants, ticked: everything not ticked is muted. */
  values: { wantedKinds: string; quietFrom: string; quietTo: string; weeklyDigest: boolean };
  errors: FieldError[];
  saved: boolean;
}


function formOf(prefs: ReminderPreferences): ReminderSettingsForm['values'] {
  const wanted = reminderKinds.filter((k) => !(prefs.mutedKinds ?? []).includes(k));
  return { wantedKinds: wanted.join(','), quietFrom: prefs.quietHours?.from ?? '', quietTo: prefs.quietHours?.to ?? '', weeklyDigest: prefs.weeklyDigest ?? false };
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
  // The card asks which reminders the user wants (ticked = on). A card from before that asked which
  // to turn off (`mutedKinds`) is still read the old way.
  const legacyMuted = typeof p.mutedKinds === 'string' && p.wantedKinds === undefined ? p.mutedKinds : undefined;
  const text = (k: string) => (typeof p[k] === 'string' ? (p[k] as string).slice(0, 400) : '');
  const wantedText = legacyMuted !== undefined ? reminderKinds.filter((k) => !legacyMuted.split(',').includes(k)).join(',') : text('wantedKinds');
  const values = { wantedKinds: wantedText, quietFrom: text('quietFrom'), quietTo: text('quietTo'), weeklyDigest: String(p.weeklyDigest) === 'true' };
  const errors: FieldError[] = [];
  const wanted = values.wantedKinds.split(',').map((s) => s.trim()).filter(Boolean);
  if (wanted.some((k) => !(reminderKinds as readonly string[]).includes(k))) errors.push({ field: 'wantedKinds', code: 'unknownChoice' });
  const muted = reminderKinds.filter((k) => !wanted.includes(k));
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
