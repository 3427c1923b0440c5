import { describeAmount } from '../../domain/status/judge';
import { indicatorFormCard } from '../../cards/indicatorCard';
import { milestonesCard } from '../../cards/reminderCards';
import { statusCard } from '../../cards/statusCard';
import { listMilestones } from '../../usecases/reminders/schedule';
import { messagesFor } from '../../i18n';
import { prepareIndicatorForm, saveIndicatorValue } from '../../usecases/enterIndicator';
import { exportStatus } from '../../usecases/exportStatus';
import { getStatus } from '../../usecases/getStatus';
import type { FileToUpload, TurnHandler, TurnInput } from '../turn';
import { deniedReply } from './denied';
import { quoteBack } from './quoteBack';
import type { HandlerDeps } from './deps';

const queryOf = (turn: TurnInput): string => {
  const data = turn.data as { query?: unknown } | undefined;
  return typeof data?.query === 'string' && data.query ? data.query.slice(0, 200) : turn.text || 'status';
};
const formatOf = (data: unknown): 'csv' | 'xlsx' => ((data as { format?: unknown } | undefined)?.format === 'csv' ? 'csv' : 'xlsx');

/** Which part of a status card a button asks for: the quiet lines too, and which page. */
function statusViewOf(data: unknown): { showQuiet: boolean; page: number } {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const page = Number(d.page);
  return { showQuiet: d.show === 'all', page: Number.isInteger(page) && page > 0 && page < 1000 ? page : 0 };
}

/** `status …`, plain questions, exports and indicator values. */
export function statusHandlers({ repos, clock }: HandlerDeps) {
  const showStatus: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const s = m.status;
    const result = await getStatus(repos, clock, turn.aadObjectId, queryOf(turn));
    switch (result.kind) {
      case 'notAMember':
      case 'forbidden':
        return deniedReply(m, result);
      case 'unknownScope':
        return { text: s.unknownScope(quoteBack(result.text)) };
      case 'status':
        return { card: statusCard(m, result, statusViewOf(turn.data)) };
      case 'overdueMilestones': {
        // The list to work through, oldest first, with owners and the forms to act on each.
        const list = await listMilestones(repos, clock, turn.aadObjectId, undefined, undefined, { onlyOverdue: true });
        return list.kind === 'milestones' ? { card: milestonesCard(m, list) } : deniedReply(m, list);
      }
      case 'count': {
        const { query, value, target } = result;
        const what = `${s.countWhat[query.measure]}${query.toKind === 'association' ? s.countTo('foreninger') : query.toText ? s.countTo(query.toText) : ''}${query.scopeName ? ` (${query.scopeName})` : ''}`;
        const lines = [s.countAnswer(what, m.formatNumber(value), query.periodLabel)];
        if (target) lines.push(s.countTarget(target.target.text, describeAmount(target.goal, s.amountWords), s.judgement[target.judgement]));
        return { text: lines.join('\n\n') };
      }
    }
  };

  const offerExport: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    if (turn.conversationType && turn.conversationType !== 'personal') return { text: m.export.onlyPersonal };
    const file = await exportStatus(repos, clock, m, turn.aadObjectId, queryOf(turn), formatOf(turn.data));
    if (file.kind === 'notAMember' || file.kind === 'forbidden') return deniedReply(m, file);
    if (file.kind !== 'file') return { text: m.status.unknownScope(quoteBack(queryOf(turn))) };
    return { text: m.export.consent, fileOffer: { name: file.name, description: file.description, sizeInBytes: file.bytes.length, context: { query: queryOf(turn), format: formatOf(turn.data) } } };
  };

  /** The user allowed the upload: make the file again from the consent's context (any instance can). */
  const fileAccepted = async (turn: TurnInput): Promise<FileToUpload | { text: string }> => {
    const m = messagesFor(turn.language);
    const file = await exportStatus(repos, clock, m, turn.aadObjectId, queryOf(turn), formatOf(turn.data));
    if (file.kind === 'notAMember' || file.kind === 'forbidden') return deniedReply(m, file) as { text: string };
    if (file.kind !== 'file') return { text: m.export.failed };
    return { name: file.name, bytes: file.bytes };
  };

  // Opened from a status card, which stays: the form arrives as a card of its own below it.
  const showIndicatorForm: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await prepareIndicatorForm(repos, clock, turn.aadObjectId);
    if (form.kind !== 'indicatorForm') return deniedReply(m, form);
    return turn.data !== undefined ? { newCard: indicatorFormCard(m, form), besides: m.indicatorForm.opened } : { card: indicatorFormCard(m, form) };
  };

  const saveIndicator: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await saveIndicatorValue(repos, clock, turn.aadObjectId, turn.data);
    return form.kind === 'indicatorForm' ? { card: indicatorFormCard(m, form) } : deniedReply(m, form);
  };

  return {
    showStatus,
    offerExport,
    fileAccepted,
    fileDeclined: async (turn: TurnInput) => ({ text: messagesFor(turn.language).export.declined }),
    fileFailed: async (turn: TurnInput) => ({ text: messagesFor(turn.language).export.failed }),
    showIndicatorForm,
    saveIndicator,
  };
}
