import type { RollupChange } from '../../usecases/ports';
import { withoutSystemProperties } from './systemProperties';

/**
 * A rollup change marker as stored. It lives in the `records` container, in the plan's
 * partition, so it is written in the same transactional batch as the record change it brackets
 * (cosmosRecordRepository.ts); markers written before that (by older versions) are in `rollups`.
 * `type: 'rollupChange'` keeps it out of every record query: they filter on `type` or on record
 * fields a marker does not carry.
 */
export type StoredChange = RollupChange & { type: 'rollupChange'; planId: string };

export const CHANGES_QUERY = "SELECT * FROM c WHERE c.planId = @plan AND c.type = 'rollupChange'";

export const storedChange = (planId: string, change: RollupChange): StoredChange => ({ ...change, type: 'rollupChange', planId });

export function changeOf(doc: StoredChange & Record<string, unknown>): RollupChange {
  const { type: _t, planId: _p, ...change } = withoutSystemProperties<StoredChange>(doc);
  return change;
}
