import { distance } from 'fastest-levenshtein';

/** The chat commands, matched loosely: case, accents and stray punctuation do not matter. */
export type Command = 'yearlyReport' | 'members' | 'logOutcome' | 'logAssessment' | 'rebuildRollups' | 'question' | 'milestones' | 'nextMeeting' | 'reminderSettings' | 'linkChannel' | 'logWeek' | 'danish' | 'english' | 'myEntries' | 'retention' | 'help' | 'logAttendance' | 'logMeeting' | 'logReferral' | 'myReferrals' | 'status';

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
  ['yearlyReport', /^(årsrapport|aarsrapport|arsrapport|yearly report|annual report)(\s+(for\s+)?20\d\d)?$/],
  ['members', /^(medlemmer|roller|members|roles)$/],
];

export function parseCommand(text: string): Command | undefined {
  const normal = text.toLowerCase().replace(/[.!,]/g, '').replace(/\s+/g, ' ').trim();
  return patterns.find(([, re]) => re.test(normal))?.[0];
}

/** The commands as people write them, Danish first; a typo is compared with these. */
const phrases = [
  'hjælp', 'log fremmøde', 'log uge', 'log møde', 'log henvisning', 'log resultat', 'log vurdering', 'mine henvisninger', 'mine registreringer',
  'status', 'milepæle', 'næste møde', 'indstillinger', 'genberegn status', 'tilknyt kanal', 'hvor mange', 'hvordan går det med', 'årsrapport',
  'help', 'log attendance', 'log week', 'log meeting', 'log referral', 'log outcome', 'log assessment', 'my referrals', 'my entries', 'milestones', 'next meeting', 'settings', 'yearly report',
];

/**
 * "Mente du …?": the command a mistyped one most likely was ("log fremøde" → "log fremmøde",
 * "statsu din fritid" → "status din fritid"). Its first words are compared with each command's
 * words by edit distance (fastest-levenshtein), at most one slip in short words and two in longer
 * ones; the rest of the text is kept as typed.
 */
export function suggestCommand(text: string): string | undefined {
  const normal = text.toLowerCase().replace(/[.!,?]/g, '').replace(/\s+/g, ' ').trim();
  if (!normal || parseCommand(normal)) return undefined;
  const words = normal.split(' ');
  let best: { phrase: string; rest: string; distance: number } | undefined;
  for (const phrase of phrases) {
    const n = phrase.split(' ').length;
    if (words.length < n) continue;
    const head = words.slice(0, n).join(' ');
    const d = distance(head, phrase);
    const allowed = phrase.length >= 6 ? 2 : 1;
    if (d > 0 && d <= allowed && (!best || d < best.distance)) best = { phrase, rest: words.slice(n).join(' '), distance: d };
  }
  if (!best) return undefined;
  const suggestion = `${best.phrase}${best.rest ? ` ${best.rest}` : ''}`;
  return parseCommand(suggestion) ? suggestion : undefined;
}
