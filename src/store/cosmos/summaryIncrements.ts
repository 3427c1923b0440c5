import type { Container, PatchOperation } from '@azure/cosmos';
import { addWrites, type SummaryDoc, type SummaryWrite } from '../../domain/status/summary';
import { CONFLICT, isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';

/** Cosmos DB takes at most ten operations in one patch. */
export const PATCH_LIMIT = 10;
/** Creations and array initialisations raced by other writers before giving up (each race is someone else's progress). */
const MAX_RACES = 20;
/** JSON Pointer escaping (RFC 6901), which patch paths use. */
const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
/** A key inside a SQL string literal: keys never hold '"' or '\' (summary.ts escapes them in codes). */
export const defined = (w: SummaryWrite) => `IS_DEFINED(c.${w.field}["${w.key}"])`;

export const pathOf = (w: SummaryWrite) => `/${w.field}/${pointer(w.key)}${w.index === undefined ? '' : `/${w.index}`}`;

/**
 * Applies increments to one summary document atomically, with no read: each patch of at most ten
 * `incr` operations either applies whole or not at all, so any number of writers at once all count.
 *
 * A monthly array must exist before an element of it is incremented (Azure Cosmos DB refuses an
 * increment below a missing property; the embedded server would silently write it one level up),
 * so a patch that touches arrays carries the condition that they all exist. When one is missing
 * (412), it is added as twelve zeros under the condition that it is still missing: of two writers
 * adding it at once one succeeds and the other's 412 is harmless, and both then increment. A
 * document that does not exist yet (404) is created holding the increments; when another writer
 * created it first (409), the increments are patched in after all.
 */
export async function incrementSummary(container: Container, planId: string, docId: string, writes: SummaryWrite[], sign: 1 | -1): Promise<void> {
  await incrementInOrder(container, planId, docId, writes, sign, false);
}

/** One patch's increments and the document after it. */
export interface Patched {
  writes: SummaryWrite[];
  after: SummaryDoc & { n: number };
}

/**
 * The same, on a detail document whose changes the summary keeps figures of (keptFigures.ts):
 * every patch also increments the document's `n`, and each patch's increments come back with the
 * document as that patch left it.
 */
export async function incrementCounted(container: Container, planId: string, docId: string, writes: SummaryWrite[], sign: 1 | -1): Promise<Patched[]> {
  return incrementInOrder(container, planId, docId, writes, sign, true);
}

async function incrementInOrder(container: Container, planId: string, docId: string, writes: SummaryWrite[], sign: 1 | -1, counted: boolean): Promise<Patched[]> {
  const patched: Patched[] = [];
  let races = 0;
  const raced = (err: unknown) => {
    if (++races > MAX_RACES) throw err;
  };
  const size = counted ? PATCH_LIMIT - 1 : PATCH_LIMIT;
  for (let from = 0; from < writes.length; from += size) {
    const chunk = writes.slice(from, from + size);
    const operations: PatchOperation[] = chunk.map((w) => ({ op: 'incr', path: pathOf(w), value: sign * w.value }));
    if (counted) operations.push({ op: 'incr', path: '/n', value: 1 });
    const arrays = [...new Map(chunk.filter((w) => w.index !== undefined).map((w) => [`${w.field}|${w.key}`, w])).values()];
    const condition = arrays.length ? `from c where ${arrays.map(defined).join(' AND ')}` : undefined;
    for (;;) {
      try {
        const { resource } = await container.item(docId, planId).patch<SummaryDoc & { n: number }>(condition ? { operations, condition } : operations);
        if (counted) patched.push({ writes: chunk, after: resource! });
        break;
      } catch (err) {
        if (isStatus(err, NOT_FOUND)) {
          raced(err);
          const created = await createWith(container, planId, docId, writes.slice(from), sign, counted);
          if (created) return counted ? [...patched, { writes: writes.slice(from), after: created }] : patched;
        } else if (isStatus(err, PRECONDITION_FAILED)) {
          raced(err);
          await addMissingArrays(container, planId, docId, arrays);
        } else throw err;
      }
    }
  }
  return patched;
}

/** Adds each array still missing as twelve zeros; another writer adding it first is fine. */
export async function addMissingArrays(container: Container, planId: string, docId: string, arrays: SummaryWrite[]): Promise<void> {
  await Promise.all(
    arrays.map(async (w) => {
      try {
        await container.item(docId, planId).patch({ operations: [{ op: 'add', path: `/${w.field}/${pointer(w.key)}`, value: new Array<number>(12).fill(0) }], condition: `from c where NOT ${defined(w)}` });
      } catch (err) {
        if (!isStatus(err, PRECONDITION_FAILED) && !isStatus(err, NOT_FOUND)) throw err;
      }
    }),
  );
}

/** Creates the document holding the increments (its first change, when counted); undefined when another writer created it first. */
export async function createWith(container: Container, planId: string, docId: string, writes: SummaryWrite[], sign: 1 | -1, counted: boolean): Promise<(SummaryDoc & { n: number }) | undefined> {
  const docs = new Map<string, SummaryDoc>();
  addWrites(docs, planId, writes, sign);
  const doc = { ...docs.get(docId)!, ...(counted ? { n: 1 } : {}) } as SummaryDoc & { n: number };
  try {
    await container.items.create(doc);
    return doc;
  } catch (err) {
    if (isStatus(err, CONFLICT)) return undefined;
    throw err;
  }
}
