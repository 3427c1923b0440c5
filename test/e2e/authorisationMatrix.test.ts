import { cardVerbs } from '../../src/cards/verbs';
import { users, type TestUser } from '../support/activities';
import { BotHarness, cardOf, executeDataOf } from '../support/botHarness';
import { criteriaPlanFile } from '../fixtures/plans';

/**
 * Every verb that changes something × every role × its own or another's scope, over HTTP: each is
 * either refused with nothing stored or changed, or allowed and changes something. In the test
 * plan Alex is leader (and owns the evaluation milestone of Beboerrådgivning), Megan coordinates
 * Rådgivningsnetværket (Beboerrådgivning's network) and the SSP forum, Carl coordinates only
 * Arbejdsgruppen, Adele is a member, Ines is admin only, and a stranger is in no plan.
 */
const carl = { id: 'user-carl', name: 'Carl Koordinator', aadObjectId: 'test-carl' } as unknown as TestUser;
const who = {
  leader: users.alex,
  ownCoordinator: users.megan,
  otherCoordinator: carl,
  member: users.adele,
  admin: users.isaiah,
  outsider: users.outsider,
};
type Role = keyof typeof who;
const roles = Object.keys(who) as Role[];

interface Case {
  name: string;
  /** Sets up what the verb acts on (as the leader) and returns the payload, or a chat command. */
  prepare(h: BotHarness): Promise<{ verb: string; data: Record<string, unknown> } | { command: string; conversationType?: string }>;
  allowed: Role[];
}

const PLAN = 'kriterier-test';
const formData = async (h: BotHarness, command: string, verb: string) => executeDataOf(cardOf((await h.say(users.alex, command))[0]), verb);

/**
 * The stored state a verb could change: every document in every container, but the addresses the
 * bot keeps of where each conversation can be reached, and each user's copy of their personal
 * chat's address (refreshed by any turn, whoever sends it).
 */
async function stateOf(h: BotHarness): Promise<string> {
  const containers = ['records', 'reminders', 'plans', 'conversations', 'rollups'];
  // Read past the repositories: the rollup writes a save finishes after its answer must be in first.
  // A membership's grant (store/cosmos/membershipGrants.ts) is written after any turn that read it,
  // refused or not: it stands for the membership, not for what the turn did, so it is left out.
  await h.server.store.settle();
  const all: unknown[] = [];
  for (const c of containers) {
    const { resources } = await h.server.store.database.container(c).items.query<Record<string, unknown>>('SELECT * FROM c').fetchAll();
    all.push(...resources.filter((r) => (c !== 'plans' || r.type !== 'plan') && r.type !== 'conversationAddress' && r.type !== 'personalChat' && r.type !== 'membershipGrant').map(({ _etag, _ts, _rid, _self, _attachments, ...rest }) => ({ c, ...rest })));
  }
  return JSON.stringify(all.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
}

const loggers: Role[] = ['leader', 'ownCoordinator', 'otherCoordinator', 'member'];

const cases: Case[] = [
  {
    name: 'save attendance',
    prepare: async (h) => ({ verb: cardVerbs.saveAttendance, data: { ...(await formData(h, 'log fremmøde', cardVerbs.saveAttendance)), activityId: 'lektiecafe', date: '2025-06-10', headcount: '9' } }),
    allowed: loggers,
  },
  {
    name: 'save a referral',
    prepare: async (h) => ({ verb: cardVerbs.saveReferral, data: { ...(await formData(h, 'log henvisning', cardVerbs.saveReferral)), from: 'activity:lommepengejob', to: 'offer:fritidsjob', ageBand: '15-17', consentBasis: 'anonymous', date: '2025-06-10' } }),
    allowed: loggers,
  },
  {
    name: 'save an outcome',
    prepare: async (h) => ({ verb: cardVerbs.saveOutcome, data: { ...(await formData(h, 'log resultat', cardVerbs.saveOutcome)), outcome: 'beboerraadgivning/henvendelser', date: '2025-06-10', count: '3' } }),
    allowed: loggers,
  },
  {
    name: 'record the SSP forum\'s assessment',
    prepare: async (h) => ({ verb: cardVerbs.saveAssessment, data: { ...(await formData(h, 'log vurdering', cardVerbs.saveAssessment)), targetKey: 'faerre-utrygge/risikogruppe-vurdering', date: '2025-06-10', asked: '10', agreeing: '8', source: 'forummøde' } }),
    allowed: ['leader', 'ownCoordinator'],
  },
  {
    name: 'enter a partner\'s figure',
    prepare: async () => ({ verb: cardVerbs.saveIndicator, data: { indicatorId: 'target:lommepengejob/i-job-fra-kommunen', period: '2025', value: '11', source: 'Ungeenheden' } }),
    allowed: ['leader'],
  },
  {
    name: 'complete the Beboerrådgivning milestone',
    prepare: async () => ({ verb: cardVerbs.completeScheduleItem, data: { target: 'milestone', targetId: 'raadgivning-evaluering', recordId: '', key: 'k1', 'text-k1': 'Færdig' } }),
    allowed: ['leader', 'ownCoordinator'],
  },
  {
    name: 'move the Beboerrådgivning milestone',
    prepare: async () => ({ verb: cardVerbs.moveScheduleItem, data: { target: 'milestone', targetId: 'raadgivning-evaluering', recordId: '', key: 'k2', 'text-k2': 'Ny frist aftalt', 'date-k2': `2026-${String(Math.floor(Math.random() * 11) + 1).padStart(2, '0')}-15` } }),
    allowed: ['leader', 'ownCoordinator'],
  },
  {
    name: 'set the next meeting of Rådgivningsnetværket',
    prepare: async () => ({ verb: cardVerbs.saveNextMeeting, data: { networkId: 'raadgivningsnetvaerk', date: `2025-0${Math.floor(Math.random() * 3) + 7}-1${Math.floor(Math.random() * 9)}` } }),
    allowed: ['leader', 'ownCoordinator'],
  },
  {
    name: 'delete the leader\'s session in Beboerrådgivning',
    prepare: async (h) => {
      const data = await formData(h, 'log fremmøde', cardVerbs.saveAttendance);
      await h.execute(users.alex, cardVerbs.saveAttendance, { ...data, activityId: 'beboerraadgivning', date: '2025-06-11', headcount: '4' });
      return { verb: cardVerbs.deleteEntry, data: { planId: PLAN, recordId: `attendance-${data.submissionId as string}` } };
    },
    allowed: ['leader', 'ownCoordinator'],
  },
  {
    name: 'move the leader\'s referral from Beboerrådgivning on',
    prepare: async (h) => {
      const data = await formData(h, 'log henvisning', cardVerbs.saveReferral);
      await h.execute(users.alex, cardVerbs.saveReferral, { ...data, from: 'activity:beboerraadgivning', to: 'offer:fritidsjob', ageBand: '18-29', consentBasis: 'anonymous', date: '2025-06-01' });
      return { verb: cardVerbs.advanceReferral, data: { planId: PLAN, referralId: `referral-${data.submissionId as string}`, to: 'started', statusDate: '2025-06-12' } };
    },
    allowed: ['leader', 'ownCoordinator'],
  },
  {
    name: 'link a channel to Rådgivningsnetværket',
    prepare: async () => ({ command: 'tilknyt kanal rådgivningsnetværket', conversationType: 'channel' }),
    allowed: ['leader', 'ownCoordinator'],
  },
  { name: 'rebuild status', prepare: async () => ({ command: 'genberegn status' }), allowed: ['leader', 'admin'] },
];

describe('who may change what', () => {
  jest.setTimeout(120_000);
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  beforeAll(async () => {
    await harness.start([criteriaPlanFile]);
  });
  afterAll(async () => {
    await harness.stop();
  });

  describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    it.each(roles.map((r) => [r, c.allowed.includes(r) ? 'allowed' : 'refused'] as const))('for the %s: %s', async (role, expected) => {
      const action = await c.prepare(harness);
      const user = who[role];
      // A rebuild changes nothing when the rollups are right; a drifted rollup shows whether it ran.
      if ('command' in action && action.command === 'genberegn status') await harness.repos.rollups.apply(PLAN, [{ scope: 'activity:lektiecafe', month: '2025-01', counters: { sessions: 1 }, codes: {}, organisations: {} }], 1);
      const before = await stateOf(harness);
      let answer: string;
      if ('command' in action) {
        const channel = `19:kanal-${role}@thread.tacv2`;
        const replies = await harness.say(user, action.command, action.conversationType === 'channel' ? channel : `conv-${user.id}`, action.conversationType ?? 'personal');
        answer = JSON.stringify(replies);
      } else {
        answer = JSON.stringify((await harness.execute(user, action.verb, action.data)).body);
      }
      const after = await stateOf(harness);
      if (expected === 'allowed') expect(after).not.toEqual(before);
      else {
        expect(after).toEqual(before);
        expect(answer).toMatch(/Det har du ikke adgang til|Kun |kun |Vælg en af mulighederne|Intet er (ændret|gemt)|ikke med i nogen/);
      }
    });
  });
});
