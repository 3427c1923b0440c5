/* eslint-disable @typescript-eslint/no-require-imports -- the query engine's internals are CommonJS modules without types. */
import { BulkOperationType, CosmosClient, type Container } from '@azure/cosmos';
import { silentLogger } from '../../src/logging/logger';
import { connectionPolicy } from '../../src/store/cosmos/clientOptions';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/cosmos/embeddedCosmos';

const engine = require('@zeit/cosmosdb-query') as { default: (sql: string) => { code: string } };
const helpers = require('@zeit/cosmosdb-query/lib/helpers') as { stripUndefined: (value: unknown) => unknown };

interface Family {
  id: string;
  city: string;
  n: number;
  children?: { name: string; age?: number }[];
}

const COUNT = 2_000;
const families: Family[] = Array.from({ length: COUNT }, (_, i) => ({
  id: `family-${i}`,
  city: ['Husum', 'Tingbjerg', 'Brønshøj'][i % 3]!,
  n: i,
  ...(i % 4 === 0 ? {} : { children: Array.from({ length: i % 4 }, (_, k) => ({ name: `child-${i}-${k}`, ...(k === 0 ? { age: i % 17 } : {}) })) }),
}));

/**
 * The embedded server's query engine, with its rows gathered in linear time (linearQueries.ts):
 * a container of 100,000 documents made one query take minutes. The programs it generates no
 * longer copy the rows so far at every document, and queries through the real SDK still give the
 * rows Cosmos DB gives, undefined values left out as before.
 */
describe('queries on the embedded server', () => {
  let cosmos: EmbeddedCosmos;
  let client: CosmosClient;
  let container: Container;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos({ port: 0, logger: silentLogger });
    client = new CosmosClient({ endpoint: cosmos.endpoint, key: cosmos.key, connectionPolicy: connectionPolicy('inProcess') });
    const { database } = await client.databases.createIfNotExists({ id: 'queries' });
    ({ container } = await database.containers.createIfNotExists({ id: 'families', partitionKey: { paths: ['/city'] } }));
    for (let i = 0; i < families.length; i += 100) {
      await container.items.bulk(families.slice(i, i + 100).map((f) => ({ operationType: BulkOperationType.Create, resourceBody: { ...f } })));
    }
  });
  afterAll(async () => {
    client.dispose();
    await cosmos.stop();
  });

  it('generates programs that push each row instead of copying all rows so far', () => {
    for (const sql of ["SELECT c.id FROM c WHERE c.city = 'Husum'", 'SELECT VALUE c.n FROM c', 'SELECT f.id, k.name FROM f JOIN k IN f.children', 'SELECT c.children[0].name AS first FROM c']) {
      expect(engine.default(sql).code).not.toMatch(/\[\.\.\.\$,/);
      expect(engine.default(sql).code).toMatch(/\$\.push\(/);
    }
  });

  it('leaves undefined values out at every depth, as JSON does for object members, and drops them from arrays', () => {
    expect(helpers.stripUndefined([1, undefined, { a: undefined, b: [undefined, { c: 2, d: undefined }] }, null])).toEqual([1, { b: [{ c: 2 }] }, null]);
  });

  it('answers a cross-partition filter with every matching document once, across pages', async () => {
    const { resources } = await container.items.query<{ id: string }>({ query: 'SELECT c.id FROM c WHERE c.n >= @from', parameters: [{ name: '@from', value: 500 }] }, { maxItemCount: 97 }).fetchAll();
    expect(resources.map((r) => r.id).sort()).toEqual(families.filter((f) => f.n >= 500).map((f) => f.id).sort());
  });

  it('answers a join over the children, leaving out the ages that are not there', async () => {
    const { resources } = await container.items.query<{ id: string; name: string; age?: number }>("SELECT f.id, k.name, k.age FROM f JOIN k IN f.children WHERE f.city = 'Tingbjerg'").fetchAll();
    const expected = families.filter((f) => f.city === 'Tingbjerg').flatMap((f) => (f.children ?? []).map((k) => ({ id: f.id, name: k.name, ...(k.age !== undefined ? { age: k.age } : {}) })));
    expect(resources).toHaveLength(expected.length);
    expect(new Set(resources.map((r) => JSON.stringify(r)))).toEqual(new Set(expected.map((r) => JSON.stringify(r))));
  });

  // With the partition in the filter, as every Logbog query has it: the embedded server does not narrow a query by its partition key option.
  it('answers SELECT VALUE, TOP and ORDER BY within a partition', async () => {
    const husum = families.filter((f) => f.city === 'Husum');
    const { resources: values } = await container.items.query<number>({ query: "SELECT VALUE c.n FROM c WHERE c.city = 'Husum'" }, { partitionKey: 'Husum' }).fetchAll();
    expect(values.sort((a, b) => a - b)).toEqual(husum.map((f) => f.n));
    const { resources: top } = await container.items.query<{ n: number }>({ query: "SELECT TOP 5 c.n FROM c WHERE c.city = 'Husum' ORDER BY c.n DESC" }, { partitionKey: 'Husum' }).fetchAll();
    expect(top.map((r) => r.n)).toEqual(husum.map((f) => f.n).reverse().slice(0, 5));
  });
});
