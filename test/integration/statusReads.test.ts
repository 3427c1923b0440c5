import { randomUUID } from 'node:crypto';
import type { CosmosClient, Database } from '@azure/cosmos';
import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import { ManualClock } from '../../src/domain/clock';
import type { Plan } from '../../src/domain/plan/schema';
import type { ReferralRecord } from '../../src/domain/records/referral';
import { planStatus } from '../../src/domain/status/planStatus';
import { referralPairsOf } from '../../src/domain/status/keptFigures';
import { contributionsOf, rollupsFromRecords } from '../../src/domain/status/rollups';
import { summaryYearId, type SummaryYear } from '../../src/domain/status/summary';
import { parseStatusQuery } from '../../src/domain/status/statusQuery';
import { silentLogger } from '../../src/logging/logger';
import { ensureSchema, repositoriesFor } from '../../src/store/cosmos/connect';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/cosmos/embeddedCosmos';
import { getStatus } from '../../src/usecases/getStatus';
import { importPlan } from '../../src/usecases/importPlan';
import { recogniseUser } from '../../src/usecases/people/recogniseUser';
import type { Repositories } from '../../src/usecases/ports';
import { loadStatusInputs } from '../../src/usecases/statusInputs';
import { busyLogbook } from '../support/busyLogbook';
import { countingClient, ReadCounter } from '../support/countingCosmos';
import { planFiles, rawPlan } from '../fixtures/plans';

const ALEX = '00000000-0000-0000-0000-0000000000020';
const clock = new ManualClock('2025-12-15T12:00:00+01:00');
let server: EmbeddedCosmos;
let client: CosmosClient;
let repos: Repositories;
let database: Database;
let plan: Plan;
const counter = new ReadCounter();

/** Two busy years, `copies` times over, with participant codes (more people with more copies) and referrals. */
function logbook(copies: number) {
  const out: (ReturnType<typeof busyLogbook>[number] | ReferralRecord)[] = [];
  for (let copy = 0; copy < copies; copy++) {
    for (const year of [2024, 2025]) {
      for (const r of busyLogbook(plan, year)) {
        const id = `${copy}-${r.id}-${year}`;
        if (r.type !== 'attendance') out.push({ ...r, id });
        else out.push({ ...r, id, participantCodes: Array.from({ length: 6 }, (_, k) => `P${copy}X${(Number(r.id.slice(1)) + k) % 40}`) } satisfies AttendanceRecord);
      }
      plan.activities.forEach((a, i) => {
        const date = `${year}-0${(i % 9) + 1}-1${i % 9}`;
        out.push({ id: `r${copy}-${year}-${i}`, planId: plan.id, type: 'referral', from: { activityId: a.id }, to: { offerId: plan.offers[i % plan.offers.length]!.id }, ageBand: '13-17', consentBasis: 'anonymous', date, status: 'started', history: [{ status: 'referred', date, by: 'x' }, { status: 'started', date: `${year}-10-0${(i % 9) + 1}`, by: 'x' }], followUpDate: '2026-06-01', loggedBy: 'x', loggedAt: `${date}T10:00:00Z` });
      });
    }
  }
  return out;
}

/** As `genberegn status` stores them: the summaries keep the counters of the referral pairs the plan's targets name. */
async function storeLogbook(copies: number) {
  await repos.rollups.replaceAll(plan.id, [...rollupsFromRecords(plan.id, logbook(copies)).values()], referralPairsOf(plan));
}

beforeAll(async () => {
  server = await startEmbeddedCosmos({ port: 0, logger: silentLogger });
  client = countingClient({ endpoint: server.endpoint, key: server.key, connectionPolicy: { enableEndpointDiscovery: false } }, counter);
  database = await ensureSchema(client, `test-${randomUUID()}`);
  repos = repositoriesFor(database);
  const imported = await importPlan(repos, clock, rawPlan(planFiles.husumTingbjerg));
  if (!imported.ok) throw new Error('import failed');
  plan = imported.stored.plan;
  await recogniseUser(repos, clock, ALEX, async () => ({ aadObjectId: ALEX, name: 'Alex Wilber', emails: ['alexw@example.com'] }));
  await storeLogbook(1);
});
afterAll(async () => {
  client.dispose();
  await server.stop();
});

/** The documents of the rollups container one status read, counted by the SDK plugin. */
async function statusReads(text: string) {
  counter.reset();
  const result = await getStatus(repos, clock, ALEX, text);
  if (result.kind !== 'status') throw new Error(`no status for ${text}`);
  return { status: result.status, plan: result.plan, reads: counter.of('rollups') };
}

const questions = ['status 2025', 'status sidste kvartal', 'status siden 1. september', 'status 2024', 'status hele planperioden', 'status beskæftigelse', 'status 3. kvartal 2025', 'status sidste måned', 'status Legepatrulje', 'status siden 15. marts'];

describe('a status from the yearly summaries', () => {
  test.each(questions)('"%s" shows the same figures as one computed from every rollup', async (text) => {
    // The plan as the status saw it (its roster applied), so only the figures can differ.
    const { status, plan: seen } = await statusReads(text);
    const query = parseStatusQuery(text, seen, '2025-12-15');
    if (query.kind !== 'status') throw new Error('not a status question');
    const inputs = await loadStatusInputs(repos, seen, query.period);
    expect(status.targets.filter((t) => t.actual !== undefined).length).toBeGreaterThan(0);
    expect(status).toEqual(planStatus({ plan: seen, scope: query.scope, period: query.period, today: '2025-12-15', ...inputs }));
  });

  test('an activity whose targets count sessions, people and outcomes reads at most 3 rollup documents, however much is logged', async () => {
    const plain = new Set(['count', 'sessionsPerWeek', 'averageAttendance', 'outcomes', 'meetingsHeld']);
    const activity = plan.activities.find((a) => a.targets.length > 0 && a.targets.every((t) => plain.has(t.kind)))!;
    const text = `status ${activity.name} 2025`;
    const once = (await statusReads(text)).reads;
    await storeLogbook(5);
    const fiveTimes = (await statusReads(text)).reads;
    await storeLogbook(1);
    expect(once.documents).toBeGreaterThan(0);
    expect(once.documents).toBeLessThanOrEqual(3);
    expect(fiveTimes.documents).toBe(once.documents);
  });

  test("the whole plan's year reads summaries alone, about as many KB at 5 times the logs: no participant codes, no referrals per destination", async () => {
    const once = await statusReads('status 2025');
    const detail = () => counter.ofIds('rollups', 'summary-people').documents + counter.ofIds('rollups', 'summary-referrals').documents;
    expect(detail()).toBe(0);
    await storeLogbook(5);
    const fiveTimes = await statusReads('status 2025');
    expect(detail()).toBe(0);
    await storeLogbook(1);
    // 2025's summary, and 2024's for the targets that look back (a cohort, the plan so far).
    expect(once.reads.documents).toBeLessThanOrEqual(2);
    expect(fiveTimes.reads.documents).toBe(once.reads.documents);
    // What is read grows with the plan's shape, not with what is logged.
    expect(fiveTimes.reads.bytes).toBeLessThan(once.reads.bytes * 1.25);
    // Distinct people and referrals to an offer are among its figures.
    expect(once.status.targets.some((t) => t.target.kind === 'uniquePeople' && t.actual !== undefined)).toBe(true);
    expect(once.status.targets.some((t) => t.target.kind === 'referrals' && 'toOffer' in t.target && t.target.toOffer && t.actual !== undefined)).toBe(true);
  });

  test('a summary written before it kept figures of its detail is read with the detail, the same figures shown, and keeps them from then on', async () => {
    const before = await statusReads('status 2025');
    const container = database.container('rollups');
    const id = summaryYearId(plan.id, '2025');
    const { resource } = await container.item(id, plan.id).read<SummaryYear>();
    const { u: _u, ps: _ps, t: _t, tp: _tp, rs: _rs, ...old } = resource!;
    await container.item(id, plan.id).replace(old);
    const withDetail = await statusReads('status 2025');
    expect(withDetail.reads.documents).toBeGreaterThan(1);
    expect(withDetail.status).toEqual(before.status);
    // Taken after that status, without it waiting.
    for (let i = 0; i < 100 && !(await container.item(id, plan.id).read<SummaryYear>()).resource?.tp; i++) await new Promise((r) => setTimeout(r, 50));
    const after = await statusReads('status 2025');
    expect(after.reads.documents).toBe(before.reads.documents);
    expect(after.status).toEqual(before.status);
  });

  test("the whole plan's year reads no day counters while nothing is logged after today, and reads them (counting up to today only) once something is", async () => {
    const before = await statusReads('status 2025');
    expect(counter.ofIds('rollups', 'summary-days').documents).toBe(0);
    // A session dated after today (the forms refuse it; a clock running ahead could not).
    const activity = plan.activities[0]!;
    const late = { id: 'late-session', planId: plan.id, type: 'attendance', activityId: activity.id, date: '2025-12-20', headcount: 500, loggedBy: 'x', loggedAt: '2025-12-20T10:00:00Z' } satisfies AttendanceRecord;
    await repos.rollups.apply(plan.id, contributionsOf(late), 1);
    try {
      const after = await statusReads('status 2025');
      expect(counter.ofIds('rollups', 'summary-days').documents).toBe(1);
      expect(after.status).toEqual(before.status);
    } finally {
      await repos.rollups.apply(plan.id, contributionsOf(late), -1);
    }
  });
});
