import type { Person } from '../domain/people/person';
import type { Membership, MembershipRepository, PendingMembership, TeamsPerson } from '../usecases/ports';

/**
 * Memberships read through to the database on every turn (a removed member loses access at once),
 * but the last answer per user is kept, so that while the database is away a user's own form can
 * still be given back to them (src/teams/handlers/outage.ts). Never used to grant anything.
 */
export class RememberedMembershipRepository implements MembershipRepository {
  private readonly last = new Map<string, Membership[]>();

  constructor(
    private readonly inner: MembershipRepository,
    /** Oldest users are forgotten beyond this; a plan has hundreds of members, not thousands. */
    private readonly maxUsers = 10_000,
  ) {}

  async forUser(aadObjectId: string): Promise<Membership[]> {
    const memberships = await this.inner.forUser(aadObjectId);
    // Re-inserted at the end, so the map's order is least recently read first.
    this.last.delete(aadObjectId);
    this.last.set(aadObjectId, memberships);
    if (this.last.size > this.maxUsers) this.last.delete(this.last.keys().next().value!);
    return memberships;
  }

  peek(aadObjectId: string): Membership[] | undefined {
    return this.last.get(aadObjectId);
  }

  async replaceForPlan(planId: string, people: Person[]): Promise<void> {
    await this.inner.replaceForPlan(planId, people);
    this.last.clear();
  }

  pendingFor(emails: string[]): Promise<PendingMembership[]> {
    return this.inner.pendingFor(emails);
  }

  identityOf(aadObjectId: string): Promise<(TeamsPerson & { claimed: boolean }) | undefined> {
    return this.inner.identityOf(aadObjectId);
  }

  rememberIdentity(person: TeamsPerson, claimed: boolean): Promise<void> {
    return this.inner.rememberIdentity(person, claimed);
  }

  identitiesByEmail(email: string): Promise<TeamsPerson[]> {
    return this.inner.identitiesByEmail(email);
  }

  identityByTeamsId(teamsUserId: string): Promise<TeamsPerson | undefined> {
    return this.inner.identityByTeamsId(teamsUserId);
  }
}
