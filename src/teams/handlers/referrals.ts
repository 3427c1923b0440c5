import { myReferralsCard, referralFormCard, referralSavedCard } from '../../cards/referralCards';
import { messagesFor } from '../../i18n';
import { advanceReferral, listMyReferrals } from '../../usecases/followUpReferrals';
import { logReferral, prepareReferralForm } from '../../usecases/logReferral';
import type { TurnHandler } from '../turn';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';

export function referralHandlers({ repos, clock }: HandlerDeps) {
  const showReferralForm: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const form = await prepareReferralForm(repos, clock, turn.aadObjectId);
    return 'kind' in form ? deniedReply(m, form) : { card: referralFormCard(m, form) };
  };

  const saveReferral: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const result = await logReferral(repos, clock, turn.aadObjectId, turn.data);
    switch (result.kind) {
      case 'notAMember':
      case 'forbidden':
        return deniedReply(m, result);
      case 'invalid':
        return { card: referralFormCard(m, result.form) };
      case 'refused':
        return { text: m.myEntries.refused[result.reason] };
      case 'saved':
        return { card: referralSavedCard(m, result.plan, result.record, result.alreadySaved, result.corrected) };
    }
  };

  const showMyReferrals: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const view = await listMyReferrals(repos, clock, turn.aadObjectId);
    return view.kind === 'list' ? { card: myReferralsCard(m, view) } : deniedReply(m, view);
  };

  const moveReferral: TurnHandler = async (turn) => {
    const m = messagesFor(turn.language);
    const view = await advanceReferral(repos, clock, turn.aadObjectId, turn.data);
    return view.kind === 'list' ? { card: myReferralsCard(m, view) } : deniedReply(m, view);
  };

  return { showReferralForm, saveReferral, showMyReferrals, advanceReferral: moveReferral };
}
