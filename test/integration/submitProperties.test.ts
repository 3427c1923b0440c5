import fc from 'fast-check';
import { validateAttendance } from '../../src/domain/attendance/attendance';
import { fixedClock } from '../../src/domain/clock';
import { validateMeeting } from '../../src/domain/records/meeting';
import { isPersonCode } from '../../src/domain/privacy/personCode';
import { findSensitiveData } from '../../src/domain/privacy/sensitiveText';
import { importPlan } from '../../src/usecases/importPlan';
import { recogniseUser } from '../../src/usecases/people/recogniseUser';
import { logAttendance } from '../../src/usecases/logAttendance';
import { logMeeting } from '../../src/usecases/logMeeting';
import { logReferral } from '../../src/usecases/logReferral';
import { loadDemoPlan, planFiles, rawPlan } from '../fixtures/plans';
import { openTestStore } from '../support/embeddedStore';

/**
 * Whatever a card (or a forger) sends, the use cases answer with "saved" or "invalid", never
 * throw, and everything they store passes the same rules a fresh entry must pass.
 */
describe('arbitrary card submits', () => {
  const clock = fixedClock('2025-06-16T10:00:00+02:00');
  const today = '2025-06-16';
  const alex = '00000000-0000-0000-0000-0000000000020';
  const plan = loadDemoPlan();
  let store: Awaited<ReturnType<typeof openTestStore>>;
  // The generators lean towards plausible values so that a fair share of runs is actually saved.
  const saved = { attendance: 0, referral: 0, meeting: 0 };

  beforeAll(async () => {
    store = await openTestStore();
    await importPlan(store.repos, clock, rawPlan(planFiles.husumTingbjerg));
    // Alex's first turn: Teams says who the object id is, and the plan (which names Alex by e-mail address) takes it.
    await recogniseUser(store.repos, clock, alex, async () => ({ aadObjectId: alex, name: 'Alex Wilber', emails: ['alexw@example.com'] }));
  });
  afterAll(async () => {
    console.log(`saved out of 150 runs each: ${JSON.stringify(saved)}`);
    await store.close();
  });

  /** A value a card input might send, a plausible one, or garbage of any type. */
  /** Mostly the first (valid) values, sometimes the others (invalid), now and then garbage of any type. */
  const anyValue = (plausible: string[], validCount = 1) =>
    fc.oneof(
      { weight: 60, arbitrary: fc.constantFrom(...plausible.slice(0, validCount)) },
      { weight: 4, arbitrary: fc.constantFrom(...plausible) },
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.double(),
      fc.constant(''),
      fc.constant(null),
      fc.anything({ maxDepth: 2 }),
    );
  const identity = {
    planId: fc.oneof({ weight: 20, arbitrary: fc.constant(plan.id) }, fc.string({ maxLength: 20 })),
    submissionId: fc.oneof({ weight: 20, arbitrary: fc.uuid() }, fc.string({ maxLength: 40 })),
  };
  const cprShaped = '010203-1234'; // a CPR-shaped code the guard must refuse
  const dates = ['2025-06-10', '2024-08-31', '2028-09-01', '2025-02-29', '2025-06-17', '10-06-2025'];

  it('attendance: saved only when valid, otherwise refused; never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            ...identity,
            activityId: anyValue(['legepatrulje', 'din-fritid', 'skak'], 2),
            date: anyValue(dates),
            headcount: anyValue(['12', '0', '-1', '5001', '4.5'], 2),
            newParticipants: anyValue(['0', '3', '99']),
            volunteers: anyValue(['2']),
            'age_6-12': anyValue(['5', '50']),
            participantCodes: anyValue(['KB17', 'KB17 Jens', cprShaped]),
            note: anyValue(['ok', 'ring 12345678', 'cpr 010203-1234']),
          },
          { requiredKeys: ['planId', 'submissionId', 'activityId', 'date', 'headcount'] },
        ),
        async (payload) => {
          const result = await logAttendance(store.repos, clock, alex, payload);
          expect(['saved', 'invalid']).toContain(result.kind);
          saved.attendance += result.kind === 'saved' ? 1 : 0;
          if (result.kind !== 'saved') return;
          const r = result.record;
          const again = validateAttendance(
            { ...r, headcount: String(r.headcount), newParticipants: r.newParticipants?.toString(), volunteers: r.volunteers?.toString(), participantCodes: r.participantCodes?.join(' '), organisations: r.organisations?.join(',') },
            plan,
            today,
          );
          expect(again.ok).toBe(true);
          if (r.note) expect(findSensitiveData(r.note)).toBeUndefined();
        },
      ),
      { numRuns: 150 },
    );
    expect(saved.attendance).toBeGreaterThan(5);
  });

  it('referrals: a stored referral has a known from, a destination, a valid code with consent, and no personal data', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            ...identity,
            from: anyValue(['activity:din-fritid', 'organisation:ecv', 'activity:x'], 2),
            to: anyValue(['offer:forening', 'organisation:ecv', ''], 2),
            toText: anyValue(['Klubben', 'mor@example.dk', '']),
            personCode: anyValue(['KB17', 'Jens', '']),
            ageBand: anyValue(['6-12', '99']),
            consentBasis: anyValue(['consent', 'otherLegalBasis', 'anonymous', 'maybe'], 2),
            date: anyValue(dates),
          },
          { requiredKeys: ['planId', 'submissionId', 'from', 'to', 'ageBand', 'consentBasis', 'date'] },
        ),
        async (payload) => {
          const result = await logReferral(store.repos, clock, alex, payload);
          expect(['saved', 'invalid']).toContain(result.kind);
          saved.referral += result.kind === 'saved' ? 1 : 0;
          if (result.kind !== 'saved') return;
          const r = result.record;
          expect(r.from.activityId ?? r.from.organisationId).toBeTruthy();
          expect(r.to.offerId ?? r.to.organisationId ?? r.to.text).toBeTruthy();
          if (r.personCode) {
            expect(isPersonCode(r.personCode)).toBe(true);
            expect(r.consentBasis).not.toBe('anonymous');
          }
          if (r.to.text) expect(findSensitiveData(r.to.text)).toBeUndefined();
          expect(r.date <= today && r.date >= plan.period.start).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
    expect(saved.referral).toBeGreaterThan(5);
  });

  it('meetings: a stored meeting passes validation again and names only the plan\'s members', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            ...identity,
            networkId: anyValue(['din-fritid-netvaerk', 'x']),
            date: anyValue(dates),
            startTime: anyValue(['16:00', '25:00']),
            participants: anyValue(['alex-wilber,megan-bowen', 'alex-wilber,jens']),
            othersCount: anyValue(['2', '-2']),
            summary: anyValue(['fint møde', 'cpr 010203-1234']),
            followUp1Text: anyValue(['Book hallen', '']),
            followUp1Owner: anyValue(['megan-bowen', 'jens', '']),
            followUp1Due: anyValue(['2025-06-30', '2025-01-01', '']),
          },
          { requiredKeys: ['planId', 'submissionId', 'networkId', 'date'] },
        ),
        async (payload) => {
          const result = await logMeeting(store.repos, clock, alex, payload);
          expect(['saved', 'invalid']).toContain(result.kind);
          saved.meeting += result.kind === 'saved' ? 1 : 0;
          if (result.kind !== 'saved') return;
          const r = result.record;
          const entry = { ...r, participants: r.participants.join(','), organisations: r.organisations.join(','), othersCount: String(r.othersCount), ...Object.fromEntries(r.followUps.flatMap((f, i) => [[`followUp${i + 1}Text`, f.text], [`followUp${i + 1}Owner`, f.owner], [`followUp${i + 1}Due`, f.due]])) };
          expect(validateMeeting(entry, plan, today).ok).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
    expect(saved.meeting).toBeGreaterThan(5);
  });

  it('any JSON at all as a submit is refused without an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (payload) => {
        for (const log of [logAttendance, logReferral, logMeeting]) {
          const result = await log(store.repos, clock, alex, payload);
          expect(result.kind).toBe('invalid');
        }
      }),
      { numRuns: 100 },
    );
  });
});
