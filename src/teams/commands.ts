/** The chat commands, matched loosely: case, accents and stray punctuation do not matter. */
export type Command = 'members' | 'logOutcome' | 'logAssessment' | 'rebuildRollups' | 'question' | 'milestones' | 'nextMeeting' | 'reminderSettings' | 'linkChannel' | 'logWeek' | 'danish' | 'english' | 'myEntries' | 'retention' | 'help' | 'logAttendance' | 'logMeeting' | 'logReferral' | 'myReferrals' | 'status';

const patterns: [Command, RegExp][] = [
  ['help', /^(hjælp|hjaelp|help|\?|hej|hi|hello|menu)$/],
  ['logAttendance', /^(log|registrer|registrér)\s+(fremmøde|fremmoede|fremmode|attendance)$/],
  ['logWeek', /^(log|registrer|registrér)\s+(uge|ugen|hele ugen|week)$/],
  ['logMeeting', /^(log|registrer|registrér)\s+(møde|moede|mode|meeting|netværksmøde)$/],
  ['logReferral', /^(log|registrer|registrér)\s+(henvisning|brobygning|referral)$/],
  ['logOutcome', /^(log|registrer|registrér)\s+(resultat|resultater|kontakt|kontakter|besøg|outcome|output|contact)$/],
  ['logAssessment', /^(log|registrer|registrér)\s+(vurdering|spørgeskema|spoergeskema|assessment|survey)$/],
  ['myReferrals', /^(mine|my)\s+(henvisninger|referrals)$/],
  ['myEntries', /^(mine|my)\s+(registreringer|entries)$/],
  ['danish', /^(sprog|language)\s+(dansk|danish)$/],
  ['english', /^(sprog|language)\s+(engelsk|english)$/],
  ['linkChannel', /^(tilknyt kanal|link channel)\s+\S.*$/],
  ['status', /^status(\s.*)?$/],
  ['question', /^(hvor mange|hvordan går det|hvordan gaar det|hvilke milepæle|how many|how is|how are|which milestones)\b.*$/],
  ['milestones', /^(milepæle|milepaele|milepæl|milestones)$/],
  ['nextMeeting', /^(næste møde|naeste moede|næste mode|next meeting)$/],
  ['reminderSettings', /^(indstillinger|påmindelser|settings|reminder settings)$/],
  ['retention', /^(slet gamle koder|oprydning|retention)$/],
  ['rebuildRollups', /^(genberegn status|genberegn|rebuild status)$/],
  ['members', /^(medlemmer|roller|members|roles)$/],
];

export function parseCommand(text: string): Command | undefined {
  const normal = text.toLowerCase().replace(/[.!,]/g, '').replace(/\s+/g, ' ').trim();
  return patterns.find(([, re]) => re.test(normal))?.[0];
}
