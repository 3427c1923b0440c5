import type { Plan } from '../../domain/plan/schema';
import type { Repositories } from '../ports';

/** Teams refreshes a card automatically for at most 60 named users; the rest press "Opdater". */
export const MAX_REFRESH_USERS = 60;

/**
 * Who a network's channel card refreshes for (Teams' `refresh.userIds`): the network's
 * coordinators and members, then the plan's leaders, by their Teams user id. Only people who
 * have talked with the bot have a known Teams id; the others see the shared card, which the bot
 * rewrites when an item on it is done.
 */
export async function refreshAudience(repos: Repositories, plan: Plan, networkId: string): Promise<string[]> {
  const network = plan.networks.find((n) => n.id === networkId);
  const leaders = plan.members.filter((m) => m.roles.includes('leader')).map((m) => m.id);
  const memberIds = [...new Set([...(network?.coordinators ?? []), ...(network?.members ?? []), ...leaders])];
  const ids: string[] = [];
  for (const memberId of memberIds) {
    if (ids.length >= MAX_REFRESH_USERS) break;
    const aadObjectId = plan.members.find((m) => m.id === memberId)?.aadObjectId;
    const address = aadObjectId ? await repos.channels.personalChatOf(aadObjectId) : undefined;
    const teamsUserId = (address?.reference as { user?: { id?: unknown } } | undefined)?.user?.id;
    if (typeof teamsUserId === 'string' && !ids.includes(teamsUserId)) ids.push(teamsUserId);
  }
  return ids;
}
