import { assessmentFormCard, assessmentSavedCard } from '../../cards/assessmentCards';
import { myEntriesCard } from '../../cards/entriesCards';
import { outcomeFormCard, outcomeSavedCard } from '../../cards/outcomeCards';
import { messagesFor } from '../../i18n';
import { logAssessment, prepareAssessmentForm } from '../../usecases/logAssessment';
import { logOutcome, prepareOutcomeForm } from '../../usecases/logOutcome';
import { prepareAssessmentCorrection, prepareOutcomeCorrection } from '../../usecases/manageEntries';
import type { TurnHandler } from '../turn';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';
import { prefillOf } from './prefill';

/** `log resultat` (outputs and contacts) and `log vurdering` (a forum's assessment, a survey). */
export function outcomeHandlers({ repos, clock }: HandlerDeps) {
  const showOutcomeForm: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await prepareOutcomeForm(repos, clock, turn.aadObjectId, prefillOf(turn.data));
    if ('submissionId' in form) return { card: outcomeFormCard(m, form) };
    return form.kind === 'nothingToLog' ? { text: m.outcomeForm.nothingToLog } : deniedReply(m, form);
  };

  const saveOutcome: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await logOutcome(repos, clock, turn.aadObjectId, turn.data);
    switch (result.kind) {
      case 'notAMember':
      case 'forbidden':
        return deniedReply(m, result);
      case 'nothingToLog':
        return { text: m.outcomeForm.nothingToLog };
      case 'invalid':
        return { card: outcomeFormCard(m, result.form) };
      case 'refused':
        return { text: m.myEntries.refused[result.reason] };
      case 'saved':
        return { card: outcomeSavedCard(m, result.plan, result.record, result.alreadySaved, result.corrected) };
    }
  };

  const showAssessmentForm: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await prepareAssessmentForm(repos, clock, turn.aadObjectId);
    if ('submissionId' in form) return { card: assessmentFormCard(m, form) };
    return form.kind === 'nothingToLog' ? { text: m.assessmentForm.nothingToLog } : deniedReply(m, form);
  };

  const saveAssessment: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await logAssessment(repos, clock, turn.aadObjectId, turn.data);
    switch (result.kind) {
      case 'notAMember':
      case 'forbidden':
        return deniedReply(m, result);
      case 'nothingToLog':
        return { text: m.assessmentForm.nothingToLog };
      case 'invalid':
        return { card: assessmentFormCard(m, result.form) };
      case 'refused':
        return { text: m.myEntries.refused[result.reason] };
      case 'saved':
        return { card: assessmentSavedCard(m, result.plan, result.record, result.alreadySaved, result.corrected) };
    }
  };

  const correctOutcome: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await prepareOutcomeCorrection(repos, clock, turn.aadObjectId, turn.data);
    if ('submissionId' in result) return { card: outcomeFormCard(m, result) };
    return result.kind === 'entries' ? { card: myEntriesCard(m, result) } : deniedReply(m, result);
  };

  const correctAssessment: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await prepareAssessmentCorrection(repos, clock, turn.aadObjectId, turn.data);
    if ('submissionId' in result) return { card: assessmentFormCard(m, result) };
    return result.kind === 'entries' ? { card: myEntriesCard(m, result) } : deniedReply(m, result);
  };

  return { showOutcomeForm, saveOutcome, showAssessmentForm, saveAssessment, correctOutcome, correctAssessment };
}
