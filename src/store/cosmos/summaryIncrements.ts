import type { Container, PatchOperation } from '@azure/cosmos';
import { addWrites, type SummaryDoc, type SummaryWrite } from '../../domain/status/summary';
import { CONFLICT, isStatus, NOT_FOUND, PRECONDITION_FAILED } from './cosmosErrors';

/** Cosmos DB takes at most ten operations in one patch. */
const PATCH_LIMIT = 10;
/** Creations and array initialisations raced by other writers before giving up (each race is someone else's progress). */
const MAX_RACES = 20;
/** JSON Pointer escaping (RFC 6901), which patch paths use. */
const pointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
/** A key inside a SQL string literal: keys never hold '"' or '\' (summary.ts escapes them in codes). */
const defined = (w: SummaryWrite) => `IS_DEFINED(c.${w.field}["${w.key}"])`;

const pathOf = (w: SummaryWrite) => `/${w.field}/${pointer(w.key)}${w.index === undefined ? '' : `/${w.index}`}`;

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
  let races = 0;
  const raced = (err: unknown) => {
    if (++races > MAX_RACES) throw err;
  };
  for (let from = 0; from < writes.length; from += PATCH_LIMIT) {
    const chunk = writes.slice(from, from + PATCH_LIMIT);
    const operations: PatchOperation[] = chunk.map((w) => ({ op: 'incr', path: pathOf(w), value: sign * w.value }));
    const arrays = [...new Map(chunk.filter((w) => w.index !== undefined).map((w) => [`${w.field}|${w.key}`, w])).values()];
    const condition = arrays.length ? `from c where ${arrays.map(defined).join(' AND ')}` : undefined;
    for (;;) {
      try {
        await container.item(docId, planId).patch(condition ? { operations, condition } : operations);
        break;
      } catch (err) {
        if (isStatus(err, NOT_FOUND)) {
          raced(err);
          if (await createWith(container, planId, docId, writes.slice(from), sign)) return;
        } else if (isStatus(err, PRECONDITION_FAILED)) {
          raced(err);
          await addMissingArrays(container, planId, docId, arrays);
        } else throw err;
      }
    }
  }
}

/** Adds each array still missing as twelve zeros; another writer adding it first is fine. */
async function addMissingArrays(container: Container, planId: string, docId: string, arrays: SummaryWrite[]): Promise<void> {
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

/** Creates the document holding the increments; false when another writer created it first. */
async function createWith(container: Container, planId: string, docId: string, writes: SummaryWrite[], sign: 1 | -1): Promise<boolean> {
  const docs = new Map<string, SummaryDoc>();
  addWrites(docs, planId, writes, sign);
  try {
    await container.items.create(docs.get(docId)!);
    return true;
  } catch (err) {
    if (isStatus(err, CONFLICT)) return false;
    throw err;
  }
}
