import type { Container, PatchOperation } from '@azure/cosmos';
import type { SummaryWrite, SummaryYear } from '../../domain/status/summary';
import { isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';
import { addMissingArrays, createWith, defined, PATCH_LIMIT, pathOf } from './summaryIncrements';

/** When a change of a detail document belongs in the summary's kept figures (domain/status/keptFigures.ts). */
export interface KeptGuard {
  /** The condition as Cosmos DB SQL over the summary `c`. */
  sql: string;
  /** The same condition, checked on a summary read after a 412. */
  holds: (summary: SummaryYear) => boolean;
  /** Whether a missing summary is created (holding the change); else a missing summary keeps nothing. */
  create: boolean;
  /** Whether a 412 may mean a monthly array is missing (else it means the change is not kept). */
  arrays: boolean;
}

const MAX_RACES = 20;

/** The participant codes' patch number `n`: kept unless the summary's people figures were taken at or after it. */
export const peopleGuard = (n: number): KeptGuard => ({ sql: `c.ps < ${n}`, holds: (s) => s.ps !== undefined && s.ps < n, create: true, arrays: true });

/**
 * A pair's counters, for the referral detail's patch number `n`: kept only when the summary holds
 * the pair, taken before that patch. A held pair has all its arrays (taken together).
 */
export const pairGuard = (pair: string, n: number): KeptGuard => ({ sql: `IS_DEFINED(c.tp["${pair}"]) AND c.rs < ${n}`, holds: (s) => !!s.tp?.[pair] && s.rs !== undefined && s.rs < n, create: false, arrays: false });

/**
 * Adds one detail change's share to the kept figures of the year's summary, atomically and only
 * while the guard holds: a summary whose figures were taken from a state that already holds the
 * change, or that keeps no such figures, is left as it is.
 */
export async function incrementKept(container: Container, planId: string, docId: string, writes: SummaryWrite[], sign: 1 | -1, guard: KeptGuard): Promise<void> {
  let races = 0;
  for (let from = 0; from < writes.length; from += PATCH_LIMIT) {
    const chunk = writes.slice(from, from + PATCH_LIMIT);
    const operations: PatchOperation[] = chunk.map((w) => ({ op: 'incr', path: pathOf(w), value: sign * w.value }));
    const arrays = guard.arrays ? [...new Map(chunk.map((w) => [`${w.field}|${w.key}`, w])).values()] : [];
    const condition = `from c where ${[guard.sql, ...arrays.map(defined)].join(' AND ')}`;
    for (;;) {
      if (++races > MAX_RACES) throw new Error(`kept figures of ${docId}: too many races`);
      try {
        await container.item(docId, planId).patch({ operations, condition });
        break;
      } catch (err) {
        if (isStatus(err, NOT_FOUND)) {
          if (!guard.create) return;
          // A new summary keeps figures from the start (emptySummaryDoc), so it is created holding the change.
          if (await createWith(container, planId, docId, writes.slice(from), sign, false)) return;
        } else if (isStatus(err, PRECONDITION_FAILED)) {
          // Once the guard fails it fails for good: figures are only ever taken again from a later state.
          if (!guard.arrays) return;
          const { resource } = await container.item(docId, planId).read<SummaryYear>();
          if (!resource || !guard.holds(resource)) return;
          await addMissingArrays(container, planId, docId, arrays);
        } else throw err;
      }
    }
  }
}
