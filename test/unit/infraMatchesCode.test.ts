import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { containerDefinitions } from '../../src/store/cosmos/containers';

/**
 * A structural check until the Bicep is compiled in the tests (issue 6): the containers and
 * partition keys provisioned in Azure must be the ones the code creates and queries.
 */
describe('the Cosmos DB Bicep module', () => {
  const bicep = readFileSync(join(__dirname, '..', '..', 'infra', 'modules', 'cosmos.bicep'), 'utf8');
  const declared = [...bicep.matchAll(/id: '([a-z]+)',?\s*partitionKey: \{ paths: \[ '([^']+)' \]/g)].map((m) => [m[1], m[2]]);

  it('declares every container the code uses, with the same partition key', () => {
    const expected = Object.values(containerDefinitions).map((c) => [c.id, c.partitionKey.paths[0]]);
    expect(declared.sort()).toEqual(expected.sort());
  });

  it('declares the records container\'s composite index on type and date', () => {
    expect(bicep).toContain("[ { path: '/type', order: 'ascending' }, { path: '/date', order: 'ascending' } ]");
  });
});
