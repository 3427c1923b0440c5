import type { Logger } from '../../logging/logger';
import type { Repositories, TeamsDirectory, TeamsPerson } from '../ports';

/**
 * The people Teams shows the bot around a plan: the members of the conversation the card is in
 * (a channel: its team) and of every team whose channel is linked to one of the plan's networks.
 * A roster Teams will not give (the app removed from a team) is left out, not an error.
 */
export async function readRosters(repos: Repositories, directory: TeamsDirectory | undefined, planId: string, logger?: Logger): Promise<TeamsPerson[]> {
  if (!directory) return [];
  const byId = new Map<string, TeamsPerson>();
  const add = (people: TeamsPerson[]) => people.forEach((p) => byId.set(p.aadObjectId, p));
  const quietly = async (read: () => Promise<TeamsPerson[]>, what: string) => {
    try {
      add(await read());
    } catch (err) {
      logger?.warn({ err, planId, what }, 'could not read a Teams roster');
    }
  };
  await quietly(() => directory.conversationMembers(), 'conversation');
  const teamIds = [...new Set((await repos.channels.teamLinksOf(planId)).map((l) => l.teamId!))];
  for (const teamId of teamIds) await quietly(() => directory.teamMembers(teamId), 'team');
  const people = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
  // Remembered, so a person picked later (from any conversation) or a roster event without an
  // object id can be told apart; their own first turn still claims their plans.
  for (const p of people) if (!(await repos.memberships.identityOf(p.aadObjectId))) await repos.memberships.rememberIdentity(p, false);
  return people;
}
