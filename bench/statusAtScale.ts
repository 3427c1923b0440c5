import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ManualClock } from '../src/domain/clock';
import type { AttendanceRecord } from '../src/domain/attendance/attendance';
import type { Plan } from '../src/domain/plan/schema';
import type { MeetingRecord } from '../src/domain/records/meeting';
import type { ReferralRecord, ReferralStatus } from '../src/domain/records/referral';
import { planStatus } from '../src/domain/status/planStatus';
import { rollupsFromRecords } from '../src/domain/status/rollups';
import { referralPairsOf } from '../src/domain/status/keptFigures';
import type { CosmosClient, Database } from '@azure/cosmos';
import { planTargets } from '../src/domain/plan/planTargets';
import type { SummaryDoc } from '../src/domain/status/summary';
import { connectionPolicy } from '../src/store/cosmos/clientOptions';
import { appRepositories } from '../src/store/appRepositories';
import { ensureSchema, repositoriesFor } from '../src/store/cosmos/connect';
import { containerDefinitions } from '../src/store/cosmos/containers';
import { getStatus } from '../src/usecases/getStatus';
import type { Repositories } from '../src/usecases/ports';
import { countingClient, ReadCounter } from '../test/support/countingCosmos';
import { importPlan } from '../src/usecases/importPlan';
import { recogniseUser } from '../src/usecases/people/recogniseUser';
import { planFiles, rawPlan } from '../test/fixtures/plans';
import { startCosmosProcess } from './cosmosProcess';
import { summarise, type LatencySummary } from './stats';

const YEAR = { from: '2025-01-01', to: '2025-12-31' };
/** 1 January to 15 December 2025, the bench's today. */
const DAYS_UP_TO_TODAY = 349;
const ALEX = '00000000-0000-0000-0000-0000000000020';

export interface StatusScaleRow {
  /** 1, 10, 100 (times a realistic year of logs), or '50 plans' (one plan's status with 50 plans' summaries stored). */
  scale: number | string;
  records: number;
  /** Status from the summaries, as the app answers it (getStatus, 'status 2025', whole plan). */
  status: LatencySummary;
  /** Documents and KB of the rollups container one status read, counted by an SDK request plugin. */
  statusDocumentsRead: number;
  statusKilobytesRead: number;
  /** Of those, the participant-code documents (read for the plan's distinct-people targets only). */
  personCodeDocumentsRead: number;
  personCodeKilobytesRead: number;
  /** The same for a focus area with no distinct-people target. */
  focusAreaStatus: { scope: string; status: LatencySummary; documentsRead: number; kilobytesRead: number };
  /** Documents status read from the other containers (plan, roster, membership, indicators, milestones). */
  otherDocumentsRead: number;
  /** Stored sizes (KB): the year's summary, the largest month of day counters, the year's participant codes. */
  storedKilobytes: { summary2025: number; largestDays: number; personCodes2025: number; personCodes2024: number };
  /** Distinct participant codes in the year's logs. */
  distinctPersonCodes: number;
  /** The same status recomputed from every record of the year. */
  recompute: LatencySummary | 'not run (embedded server)';
  /** Recomputing from records already in memory: the least a full recomputation costs. */
  recomputeInMemory: LatencySummary;
  recomputeDocumentsRead: number;
  recomputeKilobytesRead: number;
  /** Recompute p50 / status p50. */
  ratio: number | undefined;
  inMemoryRatio: number;
  /** Whether every target's figure of the status equals the one recomputed from the records. */
  figuresAsRecomputed: boolean;
}

/**
 * A realistic year of the Husum-Tingbjerg plan's logs up to the bench's today, times `scale`: 40 weekly session series
 * over its activities (2,080 sessions, codes on a third of them), 1,250 referrals (5,000 over
 * the four years) moving through their steps, and the networks' meetings (about 150).
 */
export function yearOfLogs(plan: Plan, scale: number): (AttendanceRecord | MeetingRecord | ReferralRecord)[] {
  const out: (AttendanceRecord | MeetingRecord | ReferralRecord)[] = [];
  // Up to the bench's today (15 December): the product refuses a date in the future.
  const day = (i: number) => new Date(Date.parse('2025-01-01T00:00:00Z') + (i % DAYS_UP_TO_TODAY) * 86_400_000).toISOString().slice(0, 10);
  const acts = plan.activities;
  let id = 0;
  for (let copy = 0; copy < scale; copy++) {
    for (let series = 0; series < 40; series++) {
      const activity = acts[series % acts.length]!;
      for (let week = 0; week < 52; week++) {
        const date = day(week * 7 + (series % 7));
        const codes = series % 3 === 0 ? Array.from({ length: 8 }, (_, k) => `K${String.fromCharCode(65 + ((copy + k) % 26))}${(series * 7 + k + copy) % 9999}`) : undefined;
        out.push({ id: `s-${id++}`, planId: plan.id, type: 'attendance', activityId: activity.id, date, headcount: 8 + ((week + series) % 15), newParticipants: week % 4, ...(codes ? { participantCodes: codes } : {}), loggedBy: 'alex-wilber', loggedAt: `${date}T18:00:00Z` });
      }
    }
    const paths: ReferralStatus[][] = [['referred'], ['referred', 'started'], ['referred', 'started', 'retained'], ['referred', 'started', 'retained', 'completed'], ['referred', 'interrupted']];
    const offers = plan.offers.map((o) => o.id);
    for (let r = 0; r < 1250; r++) {
      const path = paths[r % paths.length]!;
      const start = day(r);
      const history = path.map((status, i) => ({ status, date: new Date(Date.parse(`${start}T00:00:00Z`) + i * 60 * 86_400_000).toISOString().slice(0, 10), by: 'alex-wilber' }));
      out.push({ id: `r-${id++}`, planId: plan.id, type: 'referral', from: { activityId: acts[r % acts.length]!.id }, to: { offerId: offers[r % offers.length]! }, ageBand: '13-17', consentBasis: 'anonymous', date: start, status: path[path.length - 1]!, history, followUpDate: '2026-01-01', loggedBy: 'alex-wilber', loggedAt: `${start}T10:00:00Z` });
    }
    for (let m = 0; m < 150; m++) {
      const network = plan.networks[m % plan.networks.length]!;
      const date = day(m * 2);
      out.push({ id: `m-${id++}`, planId: plan.id, type: 'meeting', networkId: network.id, date, participants: ['alex-wilber'], organisations: plan.organisations.slice(m % 5, (m % 5) + 3).map((o) => o.id), othersCount: 2, followUps: [], loggedBy: 'alex-wilber', loggedAt: `${date}T18:00:00Z` });
    }
  }
  return out;
}

async function timed<T>(runs: number, work: () => Promise<T>): Promise<{ latency: LatencySummary; last: T }> {
  const samples: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = await work();
    samples.push(performance.now() - start);
  }
  return { latency: summarise(samples), last: last! };
}

const kbOf = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const kb = (docs: unknown) => kbOf(Buffer.byteLength(JSON.stringify(docs)));

interface Setup {
  repos: Repositories;
  counter: ReadCounter;
  plan: Plan;
  clock: ManualClock;
  database: Database;
}

export async function setUp(endpoint: string, key: string): Promise<Setup & { client: CosmosClient }> {
  const counter = new ReadCounter();
  const client = countingClient({ endpoint, key, connectionPolicy: { ...connectionPolicy('inProcess'), requestTimeout: 30 * 60_000 } }, counter);
  const database = await ensureSchema(client, 'logbog');
  // Wired as the app wires them (its plan cache, its remembered memberships).
  const repos = appRepositories(repositoriesFor(database)).repos;
  const clock = new ManualClock('2025-12-15T12:00:00+01:00');
  const imported = await importPlan(repos, clock, rawPlan(planFiles.husumTingbjerg));
  if (!imported.ok) throw new Error('import failed');
  // Alex's first turn: the plan names Alex by e-mail address; Teams gives the object id.
  await recogniseUser(repos, clock, ALEX, async () => ({ aadObjectId: ALEX, name: 'Alex Wilber', emails: ['alexw@example.com'] }));
  return { client, counter, database, repos, plan: imported.stored.plan, clock };
}

/** Times a status question and counts, in one further run, what it read. */
/**
 * A full collection, so the garbage of setting up a scale (at 100× 348,000 records made and
 * dropped) is not collected inside the timed runs: a bot answering status holds no records.
 */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
const WARM_UP_RUNS = 20;

/** What one status read from the database, counted in one further run. */
async function countReads({ repos, counter, clock }: Setup, text: string) {
  counter.reset();
  const answer = await getStatus(repos, clock, ALEX, text);
  if (answer.kind !== 'status') throw new Error(`status failed: ${text}`);
  const rollups = counter.of(containerDefinitions.rollups.id);
  const people = counter.ofIds(containerDefinitions.rollups.id, 'summary-people');
  const others = Object.entries(counter.all()).filter(([c]) => c !== containerDefinitions.rollups.id).reduce((n, [, r]) => n + r.documents, 0);
  return { status: answer.status, rollups, people, others };
}

/**
 * Times a status question at every scale, one run of each in turn, so that what the process went
 * through before (setting up 100×, a collection) weighs on every scale alike rather than on the
 * ones timed last. Each scale first gets untimed runs (the code warm, any figures kept), then one
 * full collection.
 */
async function timeInTurn(setups: Setup[], text: (setup: Setup) => string, runs: number): Promise<LatencySummary[]> {
  for (const setup of setups) for (let i = 0; i < WARM_UP_RUNS; i++) await getStatus(setup.repos, setup.clock, ALEX, text(setup));
  collectGarbage();
  const samples = setups.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [n, setup] of setups.entries()) {
      const start = performance.now();
      await getStatus(setup.repos, setup.clock, ALEX, text(setup));
      samples[n]!.push(performance.now() - start);
    }
  }
  return samples.map(summarise);
}

async function storedSizes(database: Database, planId: string) {
  const { resources } = await database.container(containerDefinitions.rollups.id).items.query<SummaryDoc>({ query: 'SELECT * FROM c WHERE c.planId = @p', parameters: [{ name: '@p', value: planId }] }, { partitionKey: planId }).fetchAll();
  const size = (type: string, period: string) => kb(resources.find((d) => d.type === type && (d.type === 'summaryDays' ? d.month : d.year) === period) ?? {});
  return {
    summary2025: size('summary', '2025'),
    largestDays: Math.max(...resources.filter((d) => d.type === 'summaryDays').map((d) => kb(d))),
    personCodes2025: size('summaryPeople', '2025'),
    personCodes2024: size('summaryPeople', '2024'),
  };
}

const FOCUS_AREA_RUNS = 20;

export async function benchStatusAtScale(scales: number[], runs = 200, tenantPlans = 50): Promise<StatusScaleRow[]> {
  const rows: StatusScaleRow[] = [];
  const stores: { scale: number | 'tenant'; cosmos: Awaited<ReturnType<typeof startCosmosProcess>>; setup: Setup & { client: CosmosClient }; recordCount: number; distinctPersonCodes: number }[] = [];
  const log = (scale: number | string, what: string) => process.env.BENCH_DEBUG && process.stderr.write(`${new Date().toISOString()} ${scale}× ${what}\n`);
  const areaOf = (plan: Plan) => plan.focusAreas.find((f) => !planTargets(plan).some((t) => (t.target.kind === 'uniquePeople' || t.target.kind === 'repeatParticipation') && t.holder.focusAreaIds.includes(f.id)))!;
  try {
    // Every scale's database first, each in a process of its own.
    for (const scale of [...scales, 'tenant' as const]) {
      const cosmos = await startCosmosProcess();
      const setup = await setUp(cosmos.endpoint, cosmos.key);
      stores.push({ scale, cosmos, setup, recordCount: 0, distinctPersonCodes: 0 });
      const { repos, plan, database } = setup;
      const records = yearOfLogs(plan, scale === 'tenant' ? 1 : scale);
      log(scale, `${records.length} records`);
      // The records are stored at 1× only, where the recomputation reads them back; status never
      // reads records. The summaries are written as a rebuild writes them, which equals the
      // incremental updates (test/integration/summaryDocuments.test.ts), much faster to set up.
      if (scale === 1) {
        const container = database.container(containerDefinitions.records.id);
        for (let i = 0; i < records.length; i += 64) await Promise.all(records.slice(i, i + 64).map((r) => container.items.create(r)));
      }
      await repos.rollups.replaceAll(plan.id, [...rollupsFromRecords(plan.id, records).values()], referralPairsOf(plan));
      if (scale === 'tenant') {
        // 49 more plans of the same size in the same container: their summaries, under their own ids.
        for (let n = 1; n < tenantPlans; n++) {
          const other = `${plan.id}-${n}`;
          await repos.rollups.replaceAll(other, [...rollupsFromRecords(other, records.map((r) => ({ ...r, planId: other }))).values()], referralPairsOf(plan));
        }
      }
      stores.at(-1)!.recordCount = records.length;
      stores.at(-1)!.distinctPersonCodes = new Set(records.flatMap((r) => (r.type === 'attendance' ? (r.participantCodes ?? []) : []))).size;
      log(scale, 'summaries written');
    }
    // A bot answering status holds no records: they were made per scale and dropped, and are made
    // again below for the recomputation.
    const setups = stores.map((s) => s.setup);
    const wholeTimes = await timeInTurn(setups, () => 'status 2025', runs);
    const focusTimes = await timeInTurn(setups, (s) => `status ${areaOf(s.plan).name} 2025`, FOCUS_AREA_RUNS);
    log('all', 'status timed');

    for (const [n, { scale, setup, recordCount, distinctPersonCodes }] of stores.entries()) {
      const { repos, plan, database } = setup;
      const area = areaOf(plan);
      const whole = { ...(await countReads(setup, 'status 2025')), latency: wholeTimes[n]! };
      const focus = { ...(await countReads(setup, `status ${area.name} 2025`)), latency: focusTimes[n]! };
      // The full recomputation reads every record of the period through the app's repository and
      // recomputes from them. The embedded server scans the whole container for every page of a
      // query, so reading 10× and 100× (tens of thousands of results) does not finish in minutes
      // there; at those scales only the in-memory part is timed, and the reads are counted.
      const records = yearOfLogs(plan, scale === 'tenant' ? 1 : scale);
      const inPeriod = records.filter((r) => (r.type === 'referral' ? r.date >= '2024-01-01' : r.date >= YEAR.from) && r.date <= YEAR.to);
      const recomputed = await timed(3, async () => planStatus({ plan, scope: { kind: 'plan' }, period: YEAR, today: '2025-12-15', rollups: [...rollupsFromRecords(plan.id, inPeriod).values()] }));
      const recomputeInMemory = recomputed.latency;
      const figures = (s: typeof recomputed.last) => JSON.stringify(s.targets.map((t) => [t.key, t.actual]));
      const figuresAsRecomputed = figures(recomputed.last) === figures(whole.status);
      const recompute =
        scale === 1
          ? (
              await timed(3, async () => {
                const [a, m, r] = await Promise.all([repos.records.listInRange(plan.id, 'attendance', YEAR), repos.records.listInRange(plan.id, 'meeting', YEAR), repos.records.listInRange(plan.id, 'referral', { from: '2024-01-01', to: '2025-12-31' })]);
                const every = [...a, ...m, ...r];
                planStatus({ plan, scope: { kind: 'plan' }, period: YEAR, today: '2025-12-15', rollups: [...rollupsFromRecords(plan.id, every).values()] });
                return every;
              })
            ).latency
          : undefined;
      log(scale, 'recomputed');
      rows.push({
        scale: scale === 'tenant' ? `${tenantPlans} plans` : scale,
        records: recordCount * (scale === 'tenant' ? tenantPlans : 1),
        status: whole.latency,
        statusDocumentsRead: whole.rollups.documents,
        statusKilobytesRead: kbOf(whole.rollups.bytes),
        personCodeDocumentsRead: whole.people.documents,
        personCodeKilobytesRead: kbOf(whole.people.bytes),
        focusAreaStatus: { scope: area.name, status: focus.latency, documentsRead: focus.rollups.documents, kilobytesRead: kbOf(focus.rollups.bytes) },
        otherDocumentsRead: whole.others,
        storedKilobytes: await storedSizes(database, plan.id),
        distinctPersonCodes,
        recompute: recompute ?? 'not run (embedded server)',
        recomputeInMemory,
        recomputeDocumentsRead: inPeriod.length,
        recomputeKilobytesRead: kb(inPeriod),
        ratio: recompute ? Math.round((recompute.p50 / whole.latency.p50) * 10) / 10 : undefined,
        inMemoryRatio: Math.round((recomputeInMemory.p50 / whole.latency.p50) * 10) / 10,
        figuresAsRecomputed,
      });
    }
  } finally {
    for (const { setup, cosmos } of stores) {
      setup.client.dispose();
      cosmos.child.kill();
    }
  }
  return rows;
}
