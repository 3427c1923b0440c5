import type { Member, Plan } from '../domain/plan/schema';
import type { OutboxItem } from '../domain/reminders/outbox';
import type { Messages } from '../i18n';
import type { TeamRosterAnswer, TeamRosterOffer } from '../usecases/people/teamRoster';
import { nameOf } from './planNames';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

/** Tells a coordinator that a member could not be written to directly, and what to do about it. */
export function unreachableCard(all: Messages, item: OutboxItem, plan: Plan): CardJson {
  const u = all.people.unreachable;
  const member = plan.members.find((x) => x.id === item.about.memberId);
  const name = member ? `${member.name}${member.email ? ` (${member.email})` : ''}` : (item.about.memberId ?? '?');
  const network = item.about.networkId ? nameOf(plan, { networkId: item.about.networkId }) : '';
  return renderCard('unreachable', {
    title: u.title(member?.name ?? name),
    planName: plan.name,
    what: item.about.text === 'channel' ? u.channel(name, network, member?.name ?? name) : u.none(name, network),
    advice: u.advice(member?.name ?? name),
  });
}

/**
 * A card posted in a channel for a member Logbog cannot write to directly: an @mention on top,
 * so Teams notifies them. Teams resolves the mention by object id, or by the e-mail address
 * (user principal name) for someone not seen yet.
 */
export function withMention(all: Messages, card: object, member: Member): object {
  const id = member.aadObjectId ?? member.email;
  if (!id) return card;
  const at = `<at>${member.name}</at>`;
  const c = card as { body?: unknown[]; msteams?: Record<string, unknown> };
  return {
    ...c,
    // Under the card's title, which stays the first thing a reader (and a notification) sees.
    body: [...(c.body ?? []).slice(0, 1), { type: 'TextBlock', text: all.people.unreachable.mention(at), wrap: true, weight: 'Bolder' }, ...(c.body ?? []).slice(1)],
    msteams: { ...(c.msteams ?? {}), entities: [{ type: 'mention', text: at, mentioned: { id, name: member.name } }] },
  };
}

/** After `tilknyt kanal` in a team's channel: linked, and the team's members offered to the network. */
export function teamRosterCard(all: Messages, linked: string, offer: TeamRosterOffer | undefined): CardJson {
  const t = all.people.team;
  const newcomers = offer?.newcomers ?? [];
  const asking = offer !== undefined && newcomers.length > 0;
  return renderCard('team-roster', {
    linked,
    title: asking ? t.offerTitle(offer.network.name) : '',
    text: asking ? t.offerText(newcomers.length, offer.network.name) : offer ? t.allInAlready(offer.network.name) : '',
    names: asking ? newcomers.map((n) => n.name).join(', ') : '',
    planId: offer?.planId ?? '',
    networkId: offer?.network.id ?? '',
    answers: asking
      ? [
          { title: t.accept, verb: cardVerbs.acceptTeamRoster },
          { title: t.decline, verb: cardVerbs.declineTeamRoster },
        ]
      : [],
  });
}

/** The text answer to the coordinator's yes or no. */
export function teamRosterAnswerText(all: Messages, answer: Exclude<TeamRosterAnswer, { kind: 'notAMember' | 'forbidden' }>): string {
  const t = all.people.team;
  switch (answer.kind) {
    case 'added':
      return answer.count ? t.added(answer.count, answer.network.name) : t.allInAlready(answer.network.name);
    case 'declined':
      return t.declined(answer.network.name);
    case 'notCoordinator':
      return t.notCoordinator(answer.network.name);
    case 'unreadable':
      return all.people.members.refused.unreadable;
  }
}
