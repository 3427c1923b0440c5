import { parseCommand, suggestCommand } from '../../src/teams/commands';

describe('chat commands, read the way people type them', () => {
  it.each([
    ['log fremmøde', 'logAttendance'],
    ['Log Fremmøde!', 'logAttendance'],
    ['registrér møde', 'logMeeting'],
    ['log  hele ugen', 'logWeek'],
    ['status din fritid 2025', 'status'],
    ['hvordan går det med lektiecaféen?', 'question'],
    ['mine registreringer', 'myEntries'],
    ['log attendance', 'logAttendance'],
    ['årsrapport 2025', 'yearlyReport'],
    ['Årsrapport', 'yearlyReport'],
    ['yearly report 2024', 'yearlyReport'],
  ])('"%s" is %s', (text, command) => {
    expect(parseCommand(text)).toBe(command);
  });

  it('knows nothing it was not taught', () => {
    for (const text of ['', 'fremmøde', 'log', 'statusrapport', 'logfremmøde ja tak', 'slet alt']) expect(parseCommand(text)).toBeUndefined();
  });
});

describe('"Mente du …?": the command a slip of the finger most likely was', () => {
  it.each([
    ['log fremøde', 'log fremmøde'],
    ['Log Fremøde', 'log fremmøde'],
    ['statsu', 'status'],
    ['statsu din fritid', 'status din fritid'],
    ['stauts 2025', 'status 2025'],
    ['milepæl e', undefined],
    ['milepale', 'milepæle'],
    ['log mødet', 'log møde'],
    ['log henvising', 'log henvisning'],
    ['indstilinger', 'indstillinger'],
    ['mine registeringer', 'mine registreringer'],
    ['log atendance', 'log attendance'],
  ])('"%s" → %s', (typed, suggestion) => {
    expect(suggestCommand(typed)).toBe(suggestion);
  });

  it('suggests nothing for a command already understood, for text far from every command, or for empty text', () => {
    for (const text of ['status', 'log fremmøde', 'hej med dig', 'kan du bestille pizza', 'xyz', '', '   ', '!!!']) expect(suggestCommand(text)).toBeUndefined();
  });

  it('allows one slip in a short word and two in a longer one, never more', () => {
    expect(suggestCommand('hjlp')).toBe('hjælp');
    // Three edits from "log fremmøde" is another sentence, not a typo.
    expect(suggestCommand('log frmøe')).toBeUndefined();
  });
});
