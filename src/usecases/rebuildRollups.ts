import type { Clock } from '../domain/clock';
import { referralPairsOf } from '../domain/status/keptFigures';
import { rollupsFromRecords } from '../domain/status/rollups';
import { authorize, isDenied, type Denied } from './authorize';
import type { Repositories } from './ports';

const EVERYTHING = { from: '0000-01-01', to: '9999-12-31' };

/**
 * `genberegn status`: recomputes a plan's rollups from its records. The one place that reads
 * the whole history; for repair (a process that died between a record and its rollup) and after
 * changing how rollups are computed.
 */
export async function rebuildRollups(repos: Repositories, clock: Clock, aadObjectId: string | undefined): Promise<{ kind: 'rebuilt'; records: number; rollups: number } | Denied> {
  const member = await authorize(repos, clock, aadObjectId, 'rebuildRollups');
  if (isDenied(member)) return member;
  const planId = member.plan.id;
  const records = (await Promise.all((['attendance', 'meeting', 'referral', 'outcome', 'assessment'] as const).map((type) => repos.records.listInRange(planId, type, EVERYTHING)))).flat();
  const rollups = [...rollupsFromRecords(planId, records).values()];
  await repos.rollups.replaceAll(planId, rollups, referralPairsOf(member.plan));
  return { kind: 'rebuilt', records: records.length, rollups: rollups.length };
}
