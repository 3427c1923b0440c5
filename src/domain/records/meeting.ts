import { isValidIsoDate, type IsoDate } from '../calendar';
import { isClockTime } from '../clockTime';
import type { FieldError, Validated } from '../fieldErrors';
import { cadencesOf } from '../plan/cadences';
import type { Plan } from '../plan/schema';
import { checkFreeText } from '../privacy/freeText';
import { checkLoggedDate } from './loggedDate';

/** A follow-up item from a meeting; reminders chase it until it is done. */
export interface FollowUpItem {
  id: string;
  text: string;
  owner: string;
  due: IsoDate;
  done?: { date: IsoDate; by: string; note?: string };
  /** Why the due date was moved from a reminder card (the old date is in the audit log). */
  movedReason?: string;
}

export interface MeetingRecord {
  id: string;
  planId: string;
  type: 'meeting';
  networkId: string;
  /** Which of the network's cadences the meeting belongs to, when it has several. */
  cadenceId?: string;
  date: IsoDate;
  startTime?: string;
  participants: string[];
  organisations: string[];
  othersCount: number;
  summary?: string;
  decisions?: string;
  followUps: FollowUpItem[];
  loggedBy: string;
  loggedAt: string;
}

/** How many follow-up rows the card offers; a meeting with more adds them in a second card. */
export const FOLLOW_UP_ROWS = 3;
const MAX_TEXT = 2000;

export interface MeetingEntry {
  networkId?: string;
  cadenceId?: string;
  date?: string;
  startTime?: string;
  participants?: string;
  organisations?: string;
  othersCount?: string;
  summary?: string;
  decisions?: string;
  [followUpField: `followUp${number}${'Text' | 'Owner' | 'Due'}`]: string | undefined;
}

export type MeetingFacts = Omit<MeetingRecord, 'id' | 'planId' | 'type' | 'loggedBy' | 'loggedAt' | 'followUps'> & { followUps: Omit<FollowUpItem, 'id'>[] };

/** Multi-select inputs arrive as "a,b,c". */
function splitChoices(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

export function validateMeeting(entry: MeetingEntry, plan: Plan, today: IsoDate): Validated<MeetingFacts> {
  const errors: FieldError[] = [];
  const networkId = entry.networkId?.trim() ?? '';
  if (!networkId) errors.push({ field: 'networkId', code: 'required' });
  else if (!plan.networks.some((n) => n.id === networkId)) errors.push({ field: 'networkId', code: 'unknownChoice' });

  const network = plan.networks.find((n) => n.id === networkId);
  const cadenceId = entry.cadenceId?.trim() || undefined;
  if (cadenceId && network && !cadencesOf(network).some((c) => c.id === cadenceId)) errors.push({ field: 'cadenceId', code: 'unknownChoice' });
  const date = checkLoggedDate('date', entry.date, plan, today, errors) ?? '';

  const startTime = entry.startTime?.trim() ?? '';
  if (startTime && !isClockTime(startTime)) errors.push({ field: 'startTime', code: 'invalidTime' });

  const participants = splitChoices(entry.participants);
  if (participants.some((p) => !plan.members.some((m) => m.id === p))) errors.push({ field: 'participants', code: 'unknownChoice' });
  const organisations = splitChoices(entry.organisations);
  if (organisations.some((o) => !plan.organisations.some((x) => x.id === o))) errors.push({ field: 'organisations', code: 'unknownChoice' });

  const othersText = entry.othersCount?.trim() ?? '';
  let othersCount = 0;
  if (othersText) {
    if (!/^-?\d+$/.test(othersText)) errors.push({ field: 'othersCount', code: 'notAWholeNumber' });
    else if (Number(othersText) < 0) errors.push({ field: 'othersCount', code: 'negative' });
    else othersCount = Number(othersText);
  }

  const summary = checkFreeText('summary', entry.summary, MAX_TEXT, errors);
  const decisions = checkFreeText('decisions', entry.decisions, MAX_TEXT, errors);

  const followUps: Omit<FollowUpItem, 'id'>[] = [];
  for (let i = 1; i <= FOLLOW_UP_ROWS; i++) {
    const text = checkFreeText(`followUp${i}Text`, entry[`followUp${i}Text`], 300, errors);
    const owner = entry[`followUp${i}Owner`]?.trim() ?? '';
    const due = entry[`followUp${i}Due`]?.trim() ?? '';
    if (!text && !owner && !due) continue;
    if (!text && !errors.some((e) => e.field === `followUp${i}Text`)) errors.push({ field: `followUp${i}Text`, code: 'required' });
    if (!owner) errors.push({ field: `followUp${i}Owner`, code: 'required' });
    else if (!plan.members.some((m) => m.id === owner)) errors.push({ field: `followUp${i}Owner`, code: 'unknownChoice' });
    if (!due) errors.push({ field: `followUp${i}Due`, code: 'required' });
    else if (!isValidIsoDate(due)) errors.push({ field: `followUp${i}Due`, code: 'invalidDate' });
    else if (date && due < date) errors.push({ field: `followUp${i}Due`, code: 'beforeMeeting' });
    if (text && owner && due) followUps.push({ text, owner, due });
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      networkId,
      ...(cadenceId && cadenceId !== 'main' ? { cadenceId } : {}),
      date,
      ...(startTime ? { startTime } : {}),
      participants,
      organisations,
      othersCount,
      ...(summary ? { summary } : {}),
      ...(decisions ? { decisions } : {}),
      followUps,
    },
  };
}
