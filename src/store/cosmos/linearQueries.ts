/* eslint-disable @typescript-eslint/no-require-imports -- the query engine's internals are CommonJS modules without types. */
import { dirname } from 'node:path';

/**
 * Queries on the embedded server in time linear in the container, not quadratic.
 *
 * `@vercel/cosmosdb-server` 1.0 runs every query through `@zeit/cosmosdb-query` 0.7, which builds
 * its rows with `reduce(($, c) => [...$, { c }], [])` over every document of the container and
 * drops undefined values from the result with the same copying `reduce`: each step copies all the
 * rows so far. 100,000 documents in one container (50,000 linked channels and their addresses)
 * made one query take minutes, synchronously, on the server's event loop; every request queued
 * behind it got Node's 408 after five minutes, and reminder planning failed. No maintained package
 * does this better (this one is the engine of the only embedded Cosmos server), so the two spots
 * are changed here, the same way atomicBatch.ts changes the batch handler: the generated code
 * pushes onto the accumulator (a fresh `[]` in every such `reduce`, so nothing else sees it), and
 * undefined values are dropped in one pass (test/integration/embeddedQueries.test.ts; the
 * reminder benchmark's 50,000 channels are the measure).
 */

type Node = { type: string } & Record<string, unknown>;

const engine = dirname(require.resolve('@zeit/cosmosdb-query/package.json', { paths: [dirname(require.resolve('@vercel/cosmosdb-server'))] }));
const transformer = require(`${engine}/lib/transformer`) as { default: (ast: unknown) => Node };
const helpers = require(`${engine}/lib/helpers`) as { stripUndefined: (value: unknown) => unknown };

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
const isAccumulator = (value: unknown) => isNode(value) && value.type === 'Identifier' && value.name === '$';

/** `[...$, a, ...b]` becomes `($.push(a, ...b), $)`; anything else is left as it is. */
function pushing(body: unknown): unknown {
  if (!isNode(body)) return body;
  if (body.type === 'ConditionalExpression') return { ...body, consequent: pushing(body.consequent), alternate: pushing(body.alternate) };
  const elements = body.elements as unknown[] | undefined;
  if (body.type !== 'ArrayExpression' || !elements?.length) return body;
  const [first, ...rest] = elements;
  if (!isNode(first) || first.type !== 'SpreadElement' || !isAccumulator(first.argument)) return body;
  const accumulator = { type: 'Identifier', name: '$' };
  const push = { type: 'CallExpression', callee: { type: 'MemberExpression', object: accumulator, property: { type: 'Identifier', name: 'push' }, computed: false }, arguments: rest };
  return { type: 'SequenceExpression', expressions: [push, accumulator] };
}

/** Rewrites every `x.reduce(($, …) => [...$, …], [])` in the generated program. */
function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!isNode(node)) return node;
  const copy: Node = { ...node };
  for (const [key, value] of Object.entries(node)) if (typeof value === 'object' && value !== null) copy[key] = rewrite(value);
  const callee = copy.callee;
  const [reducer, initial] = (copy.arguments as unknown[] | undefined) ?? [];
  const reducesIntoNewArray =
    copy.type === 'CallExpression' &&
    isNode(callee) &&
    callee.type === 'MemberExpression' &&
    isNode(callee.property) &&
    callee.property.name === 'reduce' &&
    isNode(initial) &&
    initial.type === 'ArrayExpression' &&
    (initial.elements as unknown[]).length === 0 &&
    isNode(reducer) &&
    reducer.type === 'ArrowFunctionExpression' &&
    isAccumulator((reducer.params as unknown[])[0]);
  if (reducesIntoNewArray) copy.arguments = [{ ...reducer, body: pushing(reducer.body) }, initial];
  return copy;
}

const transform = transformer.default;
transformer.default = (ast: unknown) => rewrite(transform(ast)) as Node;

/** Like JSON: undefined array entries and object values are left out, at every depth. */
function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    for (const item of value) if (item !== undefined) kept.push(stripUndefined(item));
    return kept;
  }
  if (value && typeof value === 'object') {
    const kept: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) kept[key] = stripUndefined(item);
    return kept;
  }
  return value;
}

helpers.stripUndefined = stripUndefined;
