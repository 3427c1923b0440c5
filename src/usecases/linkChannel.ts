import type { Clock } from '../domain/clock';
import type { FieldErrorCode } from '../domain/fieldErrors';
import { sensitiveErrorCode } from '../domain/privacy/freeText';
import { findNetworks } from '../domain/plan/findNetwork';
import type { Network } from '../domain/plan/schema';
import { authorize, isDenied, type Denied } from './authorize';
import type { ChannelLink, Repositories } from './ports';

export type LinkChannelResult =
  | Denied
  | { kind: 'linked'; network: Network; link: ChannelLink }
  | { kind: 'notInChannel' }
  | { kind: 'personalData'; code: FieldErrorCode }
  | { kind: 'noSuchNetwork'; query: string }
  | { kind: 'ambiguous'; candidates: Network[] }
  | { kind: 'notCoordinator'; network: Network };

/**
 * Links the channel or group chat the command is written in to a network of the plan, so that
 * meeting cards there start with that network (and, with issue 4, its reminders go there).
 */
export async function linkChannel(
  repos: Repositories,
  clock: Clock,
  turn: { aadObjectId: string | undefined; conversationId: string | undefined; conversationType: string | undefined; teamId?: string },
  query: string,
): Promise<LinkChannelResult> {
  const member = await authorize(repos, clock, turn.aadObjectId, 'linkChannel');
  if (isDenied(member)) return member;
  // The name is free text like any other: one that holds a CPR number, an e-mail address or a
  // phone number is not searched for or repeated back.
  const personalData = sensitiveErrorCode(query);
  if (personalData) return { kind: 'personalData', code: personalData };
  if (!turn.conversationId || (turn.conversationType !== 'channel' && turn.conversationType !== 'groupChat')) return { kind: 'notInChannel' };
  const candidates = findNetworks(member.plan, query);
  if (!candidates.length) return { kind: 'noSuchNetwork', query };
  if (candidates.length > 1) return { kind: 'ambiguous', candidates };
  const network = candidates[0]!;
  const { memberId, roles } = member.membership;
  if (!roles.includes('leader') && !network.coordinators.includes(memberId)) return { kind: 'notCoordinator', network };
  // A channel's team is kept with the link: its members leaving the team leave the network too.
  const link: ChannelLink = { conversationId: turn.conversationId, planId: member.plan.id, networkId: network.id, linkedBy: memberId, linkedAt: clock.now().toISOString(), ...(turn.teamId ? { teamId: turn.teamId } : {}) };
  await repos.channels.link(link);
  return { kind: 'linked', network, link };
}
