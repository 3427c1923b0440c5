import { randomUUID } from 'node:crypto';
import { CosmosClient } from '@azure/cosmos';
import { auditEntry } from '../../src/domain/records/audit';
import { silentLogger } from '../../src/logging/logger';
import { ensureSchema, repositoriesFor } from '../../src/store/cosmos/connect';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../src/store/cosmos/embeddedCosmos';

const PLAN = 'husum-tingbjerg-2024-2028';

describe('a database from before the audit log moved beside the records', () => {
  let server: EmbeddedCosmos;
  let client: CosmosClient;
  beforeAll(async () => {
    server = await startEmbeddedCosmos({ port: 0, logger: silentLogger });
    client = new CosmosClient({ endpoint: server.endpoint, key: server.key, connectionPolicy: { enableEndpointDiscovery: false } });
  });
  afterAll(async () => {
    client.dispose();
    await server.stop();
  });

  it("keeps every entry of the old audit container readable after start, however often the bot starts", async () => {
    const id = `old-${randomUUID()}`;
    const { database } = await client.databases.createIfNotExists({ id });
    const { container: old } = await database.containers.createIfNotExists({ id: 'audit', partitionKey: { paths: ['/planId'] } });
    const entries = ['create', 'update'].map((action, i) =>
      auditEntry({ planId: PLAN, at: `2025-05-0${i + 1}T10:00:00.000Z`, actor: 'alex-wilber', action: action as 'create' | 'update', recordType: 'attendance', recordId: 'attendance-old', after: { headcount: 10 + i } }),
    );
    for (const e of entries) await old.items.create(e);

    await ensureSchema(client, id);
    await ensureSchema(client, id);
    const log = await repositoriesFor(database).audit.listForRecord(PLAN, 'attendance-old');
    expect(log.map((e) => e.action)).toEqual(['create', 'update']);
    expect(log[1]).toEqual(entries[1]);
  });
});
