import type { MembershipSource } from './authorize';
import { FreshMembershipNeeded } from './freshMembershipNeeded';
import type { Repositories } from './ports';

/**
 * Runs a save first on the membership this instance remembers from the user's earlier turn
 * (the form they are submitting was drawn on one), which the write's own batch proves current:
 * the answer then waits for one round trip, the batch, instead of a membership read and then the
 * batch. Only a completed save is taken from that run. Anything else (the membership changed
 * since, a refusal, a form sent back with errors) is decided again on a fresh read, so a user who
 * just lost a role or a plan is answered as before, and one who just got it is not refused.
 */
export async function savedOnRememberedMembership<R extends { kind: string }>(repos: Repositories, save: (source: MembershipSource) => Promise<R>): Promise<R> {
  try {
    const result = await save('remembered');
    if (result.kind === 'saved') return result;
  } catch (err) {
    if (!(err instanceof FreshMembershipNeeded)) throw err;
    // Not trusted again here until a fresh read makes it provable anew.
    if (err.failedProof) repos.memberships.proofFailed?.(err.failedProof);
  }
  return save('fresh');
}
