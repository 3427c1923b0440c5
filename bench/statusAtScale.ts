import { performance } from 'node:perf_hooks';
import { ManualClock } from '../src/domain/clock';
import type { AttendanceRecord } from '../src/domain/attendance/attendance';
import type { Plan } from '../src/domain/plan/schema';
import type { MeetingRecord } from '../src/domain/records/meeting';
import type { ReferralRecord, ReferralStatus } from '../src/domain/records/referral';
import { planStatus } from '../src/domain/status/planStatus';
import { rollupsFromRecords } from '../src/domain/status/rollups';
import { connectToEmbedded } from '../src/store/cosmos/connect';
import { containerDefinitions } from '../src/store/cosmos/containers';
import { getStatus } from '../src/usecases/getStatus';
import { importPlan } from '../src/usecases/importPlan';
import { recogniseUser } from '../src/usecases/people/recogniseUser';
import { planFiles, rawPlan } from '../test/fixtures/plans';
import { startCosmosProcess } from './cosmosProcess';
import { summarise, type LatencySummary } from './stats';

const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const ALEX = '00000000-0000-0000-0000-0000000000020';

export interface StatusScaleRow {
  scale: string;
  records: number;
  /** Status from the rollups, as the app answers it. */
  status: LatencySummary;
  statusDocumentsRead: number;
  statusKilobytesRead: number;
  /** The same status recomputed from every record of the year. */
  recompute: LatencySummary | 'not run (embedded server)';
  /** Recomputing from records already in memory: the least a full recomputation costs. */
  recomputeInMemory: LatencySummary;
  recomputeDocumentsRead: number;
  recomputeKilobytesRead: number;
  /** Recompute p50 / status p50. */
  ratio: number | undefined;
  inMemoryRatio: number;
}

/**
 * A realistic year of the Husum-Tingbjerg plan's logs, times `scale`: 40 weekly session series
 * over its activities (2,080 sessions, codes on a third of them), 1,250 referrals (5,000 over
 * the four years) moving through their steps, and the networks' meetings (about 150).
 */
function yearOfLogs(plan: Plan, scale: number): (AttendanceRecord | MeetingRecord | ReferralRecord)[] {
  const out: (AttendanceRecord | MeetingRecord | ReferralRecord)[] = [];
  const day = (i: number) => new Date(Date.parse('2025-01-01T00:00:00Z') + (i % 365) * 86_400_000).toISOString().slice(0, 10);
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

export async function benchStatusAtScale(scales: number[]): Promise<StatusScaleRow[]> {
  const rows: StatusScaleRow[] = [];
  for (const scale of scales) {
    const cosmos = await startCosmosProcess();
    const store = await connectToEmbedded(cosmos.endpoint, cosmos.key, 'logbog', 30 * 60_000);
    try {
      const clock = new ManualClock('2025-12-15T12:00:00+01:00');
      const imported = await importPlan(store.repositories, clock, rawPlan(planFiles.husumTingbjerg));
      if (!imported.ok) throw new Error('import failed');
      // Alex's first turn: the plan names Alex by e-mail address; Teams gives the object id.
      await recogniseUser(store.repositories, clock, ALEX, async () => ({ aadObjectId: ALEX, name: 'Alex Wilber', emails: ['alexw@example.com'] }));
      const plan = imported.stored.plan;
      const records = yearOfLogs(plan, scale);
      const log = (what: string) => process.env.BENCH_DEBUG && process.stderr.write(`${new Date().toISOString()} ${scale}× ${what}\n`);
      log(`${records.length} records`);
      // Loaded straight into the records container, then the rollups computed once: the same
      // result as the incremental updates (test/integration/rollupsProperties.test.ts), much faster to set up.
      const container = store.database.container(containerDefinitions.records.id);
      for (let i = 0; i < records.length; i += 64) await Promise.all(records.slice(i, i + 64).map((r) => container.items.create(r)));
      log('inserted');
      await store.repositories.rollups.replaceAll(plan.id, [...rollupsFromRecords(plan.id, records).values()]);
      log('rollups written');

      const repos = store.repositories;
      const status = await timed(20, () => getStatus(repos, clock, ALEX, 'status 2025'));
      if (status.last.kind !== 'status') throw new Error('status failed');
      log('status timed');
      const rollups = await repos.rollups.inRange(plan.id, '2024-01', '2025-12');
      // The full recomputation reads every record of the period through the app's repository and
      // recomputes from them. The embedded server scans the whole container for every page of a
      // query, so reading 10× and 100× (tens of thousands of results) does not finish in minutes
      // there; at those scales only the in-memory part is timed, and the reads are counted.
      const inPeriod = records.filter((r) => (r.type === 'referral' ? r.date >= '2024-01-01' : r.date >= YEAR.from) && r.date <= YEAR.to);
      const recomputeInMemory = (
        await timed(3, async () => planStatus({ plan, scope: { kind: 'plan' }, period: YEAR, today: '2025-12-15', rollups: [...rollupsFromRecords(plan.id, inPeriod).values()] }))
      ).latency;
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
      log('recomputed');
      const kb = (docs: unknown[]) => Math.round(Buffer.byteLength(JSON.stringify(docs)) / 1024);
      rows.push({
        scale: `${scale}×`,
        records: records.length,
        status: status.latency,
        statusDocumentsRead: rollups.length,
        statusKilobytesRead: kb(rollups),
        recompute: recompute ?? 'not run (embedded server)',
        recomputeInMemory,
        recomputeDocumentsRead: inPeriod.length,
        recomputeKilobytesRead: kb(inPeriod),
        ratio: recompute ? Math.round((recompute.p50 / status.latency.p50) * 10) / 10 : undefined,
        inMemoryRatio: Math.round((recomputeInMemory.p50 / status.latency.p50) * 10) / 10,
      });
    } finally {
      await store.close();
      cosmos.child.kill();
    }
  }
  return rows;
}
