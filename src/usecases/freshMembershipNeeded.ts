import type { MembershipProof } from './ports';

/**
 * A save to run again on a fresh read of the membership: its proof failed (`failedProof`: the
 * membership changed, or was never made provable), or a proof cannot cover it (a correction).
 */
export class FreshMembershipNeeded extends Error {
  constructor(readonly failedProof?: MembershipProof) {
    super(failedProof ? 'the membership changed since it was remembered' : 'a fresh read of the membership is needed');
  }
}
