import { choosePlanCard, membersCard } from '../../cards/membersCards';
import { teamRosterAnswerText } from '../../cards/reachCards';
import { messagesFor, type Messages } from '../../i18n';
import { importPlanFile, type PlanFileResult } from '../../usecases/importPlanFile';
import { saveMemberChange, showMembers } from '../../usecases/people/manageMembers';
import { answerTeamRoster } from '../../usecases/people/teamRoster';
import type { BotReply, TurnHandler, TurnInput } from '../turn';
import { deniedReply } from './denied';
import type { HandlerDeps } from './deps';

const planIdOf = (data: unknown) => (data && typeof data === 'object' && typeof (data as { planId?: unknown }).planId === 'string' ? (data as { planId: string }).planId : undefined);

/** The answer to a plan file sent in chat: what was wrong (with line numbers), or what was imported. */
function planFileText(m: Messages, r: PlanFileResult): string {
  const f = m.people.planFile;
  switch (r.kind) {
    case 'onlyPersonal':
      return f.onlyPersonal;
    case 'notYaml':
      return f.notYaml(r.name);
    case 'tooBig':
      return f.tooBig(r.name);
    case 'cannotFetch':
      return f.cannotFetch(r.name);
    case 'yamlError':
      return f.yamlError(r.name, String(r.line ?? '?'), f.yamlProblems[r.code] ?? f.yamlProblems.other);
    case 'notAdmin':
      return f.notAdmin;
    case 'notAdminOfPlan':
      return f.notAdminOfPlan(r.planId);
    case 'issues': {
      const shown = r.issues.slice(0, 25).map((i) => `- ${r.name}${i.line ? `:${i.line}` : ''}: ${i.path.join('.') || '(roden)'}: ${i.message}`);
      return [f.issues(r.name, r.issues.length), ...shown, ...(r.issues.length > shown.length ? [f.more(r.issues.length - shown.length)] : [])].join('\n');
    }
    case 'imported':
      return [f.imported(r.stored.plan.name, r.name, r.stored.revision), ...(r.pending.length ? [f.pending(r.pending.length, r.pending.join(', '))] : [])].join('\n\n');
  }
}

/** The members card, the team roster's yes or no, and plan files sent in chat. */
export function peopleHandlers(deps: HandlerDeps) {
  const { repos, clock, logger, users } = deps;
  const membersDeps = { repos, clock, logger, ...(users ? { users } : {}) };

  const membersReply = (m: Messages, turn: TurnInput, result: Awaited<ReturnType<typeof showMembers>>): BotReply => {
    if (result.kind === 'members') return { card: membersCard(m, result, turn.conversationType) };
    if (result.kind === 'choosePlan') return { card: choosePlanCard(m, result) };
    return deniedReply(m, result);
  };

  const showMembersCard: TurnHandler = async (turn) => membersReply(messagesFor(turn.language), turn, await showMembers(membersDeps, turn, planIdOf(turn.data)));
  const saveChange: TurnHandler = async (turn) => membersReply(messagesFor(turn.language), turn, await saveMemberChange(membersDeps, turn, turn.data));

  const answerRoster = (accept: boolean): TurnHandler => async (turn) => {
    const m = messagesFor(turn.language);
    const answer = await answerTeamRoster(repos, clock, turn, turn.data, accept);
    return answer.kind === 'notAMember' || answer.kind === 'forbidden' ? deniedReply(m, answer) : { text: teamRosterAnswerText(m, answer) };
  };

  const planFileReceived = async (turn: TurnInput): Promise<BotReply> => {
    const m = messagesFor(turn.language);
    if (!turn.file) return { text: m.people.planFile.notYaml('?') };
    const result = await importPlanFile({ repos, clock, bootstrapAdmins: deps.bootstrapAdmins ?? [], ...(users ? { users } : {}) }, turn, turn.file);
    return { text: planFileText(m, result) };
  };

  return { showMembersCard, saveChange, acceptRoster: answerRoster(true), declineRoster: answerRoster(false), planFileReceived };
}
