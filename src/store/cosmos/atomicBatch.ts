/* eslint-disable @typescript-eslint/no-require-imports -- the server's internals are CommonJS modules without types. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Transactional batches on the embedded server as Azure Cosmos DB runs them: all or nothing.
 *
 * `@vercel/cosmosdb-server` 1.0 accepts a batch but applies its operations one by one and, when
 * one fails, leaves the earlier ones in place (it answers 424 for the rest and rolls nothing
 * back), and it has no patch operation in a batch. Logbog writes a record and its audit entry in
 * one batch (docs/storage.md), so a test of "neither or both" must hold here as on Azure. No
 * maintained package offers this; the server's own batch handler is ~60 lines, and this one
 * replaces it: the same operations (through the server's own operation functions), plus patch,
 * plus undoing the applied operations when one fails. The server runs a batch synchronously once
 * its body is read, so nothing can slip in between an operation and its undo.
 *
 * It swaps the handler in the server's route table, which the server builds when it is first
 * loaded: this module must be imported before `@vercel/cosmosdb-server` (embeddedCosmos.ts does,
 * and a test proves the rollback).
 */

type Doc = Record<string, unknown> & { id: string; _rid: string };
interface Documents {
  delete(id: string, partition: unknown): void;
  _set(data: Doc): Doc;
  _getPartition(data: Record<string, unknown>): unknown;
}
interface Collection {
  read(): unknown;
  documents: Documents;
  document(id: string, partition: unknown): { read(): Doc | undefined };
}
interface Account {
  database(id: string): { collection(id: string): Collection };
}
interface Result {
  statusCode: number;
  body?: Record<string, unknown>;
}
type OperationInput = Record<string, unknown> & { operationType?: string; id?: string; partitionKey?: string; resourceBody?: Record<string, unknown> };

const lib = '@vercel/cosmosdb-server/lib';
const handlerModule = require(`${lib}/handler/batch-documents`) as { default: unknown };
const operations = require(`${lib}/handler/_document-operations`) as Record<'createOperation' | 'upsertOperation' | 'readOperation' | 'deleteOperation' | 'replaceOperation', (c: Collection, input: OperationInput) => Result>;
const { patchOperation } = require(`${lib}/handler/_patch-operations`) as { patchOperation: (c: Collection, input: Record<string, unknown>) => Result };
const readJson = (require(`${lib}/json`) as { default: (req: IncomingMessage) => Promise<unknown> }).default;
const { parsePartitionKey } = require(`${lib}/utils/get-partition-from-header`) as { parsePartitionKey: (pk: string | undefined, fallback: unknown) => unknown };

const isTrue = (req: IncomingMessage, header: string) => String(req.headers[header] ?? '').toLowerCase() === 'true';

function run(collection: Collection, input: OperationInput): Result {
  switch (input.operationType) {
    case 'Create':
      return operations.createOperation(collection, input);
    case 'Upsert':
      return operations.upsertOperation(collection, input);
    case 'Read':
      return operations.readOperation(collection, input);
    case 'Delete':
      return operations.deleteOperation(collection, input);
    case 'Replace':
      return operations.replaceOperation(collection, input);
    case 'Patch': {
      // The SDK sends a batch patch as { operations, condition } in resourceBody.
      const body = input.resourceBody as { operations?: unknown; condition?: unknown } | unknown[] | undefined;
      const ops = Array.isArray(body) ? body : body?.operations;
      const condition = Array.isArray(body) ? undefined : body?.condition;
      return patchOperation(collection, { id: input.id, partitionKey: input.partitionKey, ifMatch: input.ifMatch, operations: ops, condition });
    }
    default:
      return { statusCode: 400, body: { message: `Operation type '${String(input.operationType)}' is not supported in Batch.` } };
  }
}

/** The document an operation touches, as it is before the operation: what an undo puts back. */
function before(collection: Collection, input: OperationInput): { id: string; partition: unknown; doc: Doc | undefined } | undefined {
  const id = input.id ?? (input.resourceBody?.id as string | undefined);
  if (!id) return undefined;
  const partition = input.resourceBody && input.operationType !== 'Patch' ? collection.documents._getPartition(input.resourceBody) : parsePartitionKey(input.partitionKey, id);
  return { id, partition, doc: collection.document(id, partition).read() };
}

function undo(collection: Collection, prior: { id: string; partition: unknown; doc: Doc | undefined }): void {
  if (prior.doc) collection.documents._set(prior.doc);
  else if (collection.document(prior.id, prior.partition).read()) collection.documents.delete(prior.id, prior.partition);
}

async function atomicBatch(account: Account, req: IncomingMessage, res: ServerResponse, params: { dbId: string; collId: string }) {
  const body = await readJson(req);
  const atomic = isTrue(req, 'x-ms-cosmos-batch-atomic');
  const continueOnError = isTrue(req, 'x-ms-cosmos-batch-continue-on-error');
  const collection = account.database(params.dbId).collection(params.collId);
  if (!collection.read()) {
    res.statusCode = 404;
    return {};
  }
  if (!Array.isArray(body)) {
    res.statusCode = 400;
    return { message: 'Invalid request body' };
  }
  const results: Record<string, unknown>[] = [];
  const applied: { index: number; prior: NonNullable<ReturnType<typeof before>> }[] = [];
  let failed = false;
  // An operation without its own partition key is in the batch's (Azure's rule; the server's own handler required one).
  const batchPartition = req.headers['x-ms-documentdb-partitionkey'] as string | undefined;
  for (const [index, given] of (body as OperationInput[]).entries()) {
    const input: OperationInput = given && given.partitionKey === undefined && batchPartition !== undefined ? { ...given, partitionKey: batchPartition } : given;
    if (failed && !continueOnError) {
      results.push({ statusCode: 424, requestCharge: 0 });
      continue;
    }
    const prior = input?.operationType === 'Read' ? undefined : before(collection, input ?? {});
    const result = run(collection, input ?? {});
    if (result.statusCode >= 400) {
      failed = true;
      results.push({ statusCode: result.statusCode, requestCharge: 0, ...(result.body?.message ? { message: result.body.message } : {}) });
      continue;
    }
    if (prior) applied.push({ index, prior });
    results.push({ statusCode: result.statusCode, requestCharge: 1, eTag: result.body?._etag, resourceBody: result.body });
  }
  if (failed && atomic) {
    // All or nothing: put back what the batch changed, latest first; Azure answers 424 for each
    // operation that did not fail itself, and 207 for the batch.
    for (const { index, prior } of applied.reverse()) {
      undo(collection, prior);
      results[index] = { statusCode: 424, requestCharge: 0 };
    }
    res.statusCode = 207;
  }
  return results;
}

handlerModule.default = atomicBatch;
