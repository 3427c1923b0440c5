import type { IsoDate } from '../calendar';

/**
 * What members change about the plan's schedule from reminder cards. The plan file stays as
 * imported; these documents sit beside it, and every change is also written to the audit log.
 */
export interface MilestoneState {
  id: string;
  type: 'milestoneState';
  planId: string;
  milestoneId: string;
  done?: { date: IsoDate; by: string; note?: string };
  /** A moved due date, with the reason for the move. */
  movedTo?: { date: IsoDate; by: string; reason: string };
}

/** "næste møde": the coordinator's date for a network's next meeting, overriding the cadence. */
export interface NextMeetingOverride {
  id: string;
  type: 'nextMeeting';
  planId: string;
  networkId: string;
  date: IsoDate;
  startTime?: string;
  setBy: string;
  setAt: string;
}

export const milestoneStateId = (milestoneId: string) => `milestone-${milestoneId}`;
export const nextMeetingId = (networkId: string) => `next-meeting-${networkId}`;
