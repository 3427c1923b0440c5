import { cardVerbs } from '../../src/cards/verbs';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, inputOf, textsOf } from '../support/botHarness';
import { criteriaPlanFile } from '../fixtures/plans';

/**
 * The record kinds a real plan needed beyond sessions, meetings and referrals, end to end over
 * HTTP: outputs and contacts (`log resultat`), a forum's assessment or a survey (`log
 * vurdering`), and a partner's own figure (`Indtast tal`); and status showing each.
 * In the test plan Alex is a leader, Megan coordinates the SSP forum, Adele is a member.
 */
describe('logging outcomes, assessments and partners\' figures', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const planId = 'kriterier-test';

  beforeAll(async () => {
    await harness.start([criteriaPlanFile]);
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function formData(user: (typeof users)[keyof typeof users], command: string, verb: string) {
    const card = cardOf((await harness.say(user, command))[0]);
    return { card, data: executeDataOf(card, verb) };
  }

  it('`log resultat` saves an outreach visit count once, even when Teams retries, and status counts it', async () => {
    const { card, data } = await formData(users.adele, 'log resultat', cardVerbs.saveOutcome);
    expect(textsOf(card)[0]).toBe('Log resultat eller kontakt');
    const submit = { ...data, outcome: 'beboerraadgivning/opsoegende-besoeg', date: '2025-06-10', count: '12', note: 'Dørbank i blok 3, næste gang uge 26' };
    const saved = await harness.execute(users.adele, cardVerbs.saveOutcome, submit);
    expect(textsOf(saved.body?.value)).toEqual(expect.arrayContaining(['✅ Resultat gemt', 'Hvad: Opsøgende besøg', 'Antal: 12']));
    await harness.execute(users.adele, cardVerbs.saveOutcome, submit);
    expect((await harness.repos.records.listInRange(planId, 'outcome', { from: '2025-01-01', to: '2025-12-31' })).map((r) => r.count)).toEqual([12]);
    const status = cardOf((await harness.say(users.alex, 'status beboerrådgivning'))[0]);
    expect(textsOf(status).join('\n')).toMatch(/70 opsøgende besøg om året/);
  });

  it('refuses an outcome with a count of 0, an unknown kind and a CPR number in the note, keeping the values', async () => {
    const { data } = await formData(users.adele, 'log resultat', cardVerbs.saveOutcome);
    const res = await harness.execute(users.adele, cardVerbs.saveOutcome, { ...data, outcome: 'beboerraadgivning/hemmelig', date: '2025-06-10', count: '0', note: 'Familien (010203-1234)' });
    const texts = textsOf(res.body?.value).join('\n');
    expect(texts).toContain('Intet er gemt endnu. Ret det markerede og tryk Gem igen.');
    expect(texts).toContain('Vælg en af mulighederne på listen.');
    expect(texts).toContain('Skal være mindst 1.');
    expect(texts).toContain('Ligner et CPR-nummer. Skriv aldrig CPR-numre i Logbog.');
    expect(inputOf(res.body?.value, 'note')?.value).toBe('Familien (010203-1234)');
    expect((await harness.repos.records.listInRange(planId, 'outcome', { from: '2025-01-01', to: '2025-12-31' })).length).toBe(1);
  });

  it('lets the forum\'s coordinator record an assessment, refuses a member, and shows the share in status', async () => {
    const [refused] = await harness.say(users.adele, 'log vurdering');
    expect(refused!.text).toMatch(/kræver rollen tovholder eller leder/);
    const { card, data } = await formData(users.megan, 'log vurdering', cardVerbs.saveAssessment);
    // Megan coordinates the SSP forum, which makes the risk-group assessment; the parents' survey is the leader's.
    expect((inputOf(card, 'targetKey')?.choices as { value: string }[]).map((c) => c.value)).toEqual(['faerre-utrygge/risikogruppe-vurdering']);
    const bad = await harness.execute(users.megan, cardVerbs.saveAssessment, { ...data, targetKey: 'faerre-utrygge/risikogruppe-vurdering', date: '2025-06-12', asked: '16', agreeing: '20', source: 'SSP-forum 12. juni' });
    expect(textsOf(bad.body?.value).join('\n')).toContain('Kan ikke være flere end antallet, der blev vurderet eller spurgt.');
    const forged = await harness.execute(users.megan, cardVerbs.saveAssessment, { ...data, targetKey: 'faerre-utrygge/foraeldre-tilfredse', date: '2025-06-12', asked: '40', agreeing: '31', source: 'skema' });
    expect(textsOf(forged.body?.value).join('\n')).toContain('Vælg en af mulighederne på listen.');
    const saved = await harness.execute(users.megan, cardVerbs.saveAssessment, { ...data, targetKey: 'faerre-utrygge/risikogruppe-vurdering', date: '2025-06-12', asked: '16', agreeing: '12', source: 'SSP-forum 12. juni' });
    expect(textsOf(saved.body?.value)).toEqual(expect.arrayContaining(['✅ Vurdering gemt', 'Resultat: 12 af 16 (75 %)']));
    const status = textsOf(cardOf((await harness.say(users.alex, 'status tryghed og trivsel'))[0])).join('\n');
    expect(status).toMatch(/75 % af risikogruppen vurderes at have styrkede sociale kompetencer/);
    expect(status).toContain('12 af 16');
  });

  it('takes a partner\'s own figure for a year with its source, which status then uses instead of the logbook', async () => {
    const form = await harness.executeForNewCard(users.alex, cardVerbs.showIndicatorForm, {});
    const choices = (inputOf(form.card, 'indicatorId')?.choices as { value: string; title: string }[]).map((c) => c.value);
    expect(choices).toContain('target:lommepengejob/i-job-fra-kommunen');
    const schoolYear = await harness.execute(users.alex, cardVerbs.saveIndicator, { indicatorId: 'target:lommepengejob/i-job-fra-kommunen', period: '2024/25', value: '12', source: 'Ungeenheden' });
    expect(textsOf(schoolYear.body?.value).join('\n')).toContain('Er ikke en gyldig dato.');
    const saved = await harness.execute(users.alex, cardVerbs.saveIndicator, { indicatorId: 'target:lommepengejob/i-job-fra-kommunen', period: '2025', value: '12', source: 'Ungeenhedens opgørelse 2025' });
    expect(textsOf(saved.body?.value).join('\n')).toMatch(/Gemt: .*= 12 \(2025\)/);
    const gap = await harness.execute(users.alex, cardVerbs.saveIndicator, { indicatorId: 'utrygge-beboere', period: '2025', value: '8,2', comparison: '6,5', source: 'Tryghedsundersøgelsen 2025' });
    expect(textsOf(gap.body?.value).join('\n')).toMatch(/Gemt/);
    expect((await harness.repos.indicators.list(planId)).map((v) => [v.indicatorId, v.value, v.comparison])).toEqual([['utrygge-beboere', 8.2, 6.5]]);
    const status = textsOf(cardOf((await harness.say(users.alex, 'status lommepengejob 2025'))[0])).join('\n');
    expect(status).toContain('tal fra partner: Ungeenhedens opgørelse 2025 (2025)');
  });

  it('lets the author correct an outcome from `mine registreringer`, and the audit log keeps both', async () => {
    const entries = cardOf((await harness.say(users.adele, 'mine registreringer'))[0]);
    const correct = JSON.stringify(entries).match(/"verb":"correctOutcome","data":(\{[^}]*\})/);
    expect(correct).not.toBeNull();
    const form = await harness.execute(users.adele, cardVerbs.correctOutcome, JSON.parse(correct![1]!));
    expect(inputOf(form.body?.value, 'count')?.value).toBe(12);
    const data = executeDataOf(form.body?.value, cardVerbs.saveOutcome);
    const saved = await harness.execute(users.adele, cardVerbs.saveOutcome, { ...data, outcome: 'beboerraadgivning/opsoegende-besoeg', date: '2025-06-10', count: '14' });
    expect(textsOf(saved.body?.value)).toEqual(expect.arrayContaining(['Rettelsen er gemt og noteret i loggen.']));
    const [record] = await harness.repos.records.listInRange(planId, 'outcome', { from: '2025-01-01', to: '2025-12-31' });
    expect(record!.count).toBe(14);
    expect((await harness.repos.audit.listForRecord(planId, record!.id)).map((a) => a.action)).toEqual(['create', 'update']);
  });
});
