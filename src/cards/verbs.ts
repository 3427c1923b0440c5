/** Every card verb. Templates get them through their data, handlers and tests import them. */
export const cardVerbs = {
  showAttendanceForm: 'showAttendanceForm',
  saveAttendance: 'saveAttendance',
  showStatus: 'showStatus',
  showReferralForm: 'showReferralForm',
  saveReferral: 'saveReferral',
  showMyReferrals: 'showMyReferrals',
  advanceReferral: 'advanceReferral',
  showMeetingForm: 'showMeetingForm',
  saveMeeting: 'saveMeeting',
  showMyEntries: 'showMyEntries',
  deleteEntry: 'deleteEntry',
  correctAttendance: 'correctAttendance',
  correctMeeting: 'correctMeeting',
  correctReferral: 'correctReferral',
  showWeekForm: 'showWeekForm',
  saveWeek: 'saveWeek',
  showMilestones: 'showMilestones',
  completeScheduleItem: 'completeScheduleItem',
  moveScheduleItem: 'moveScheduleItem',
  showNextMeetingForm: 'showNextMeetingForm',
  saveNextMeeting: 'saveNextMeeting',
  showReminderSettings: 'showReminderSettings',
  saveReminderSettings: 'saveReminderSettings',
} as const;

export type CardVerb = (typeof cardVerbs)[keyof typeof cardVerbs];
