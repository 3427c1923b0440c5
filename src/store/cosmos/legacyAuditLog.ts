import type { Database } from '@azure/cosmos';
import { containerDefinitions } from './containers';
import { isStatus, NOT_FOUND } from './cosmosErrors';
import { withoutSystemProperties } from './systemProperties';

/** Where the copy is noted, so it runs once: a partition of its own in `records`, read by no query. */
const MARKER = { id: 'audit-container-copied', planId: '_migrations', type: 'migration' };

/**
 * The audit log had a container of its own (`audit`) until it moved beside the records (one
 * transactional batch for a record and its entry, docs/storage.md). An existing database's
 * entries are copied into `records` once, at start; entry ids are deterministic, so a copy cut
 * short and run again writes nothing twice. The old container is left in place: deleting a
 * container is a control-plane change the app's data-plane role may not make, and a Bicep
 * deployment deletes nothing. Returns how many entries were copied.
 */
export async function copyLegacyAuditLog(database: Database): Promise<number> {
  const records = database.container(containerDefinitions.records.id);
  if ((await records.item(MARKER.id, MARKER.planId).read()).resource) return 0;
  const legacy = database.container('audit');
  let exists = true;
  try {
    exists = Boolean((await legacy.read()).resource);
  } catch (err) {
    if (!isStatus(err, NOT_FOUND)) throw err;
    exists = false;
  }
  let copied = 0;
  if (exists) {
    const { resources } = await legacy.items.readAll<Record<string, unknown>>().fetchAll();
    for (const entry of resources) {
      await records.items.upsert(withoutSystemProperties(entry));
      copied++;
    }
  }
  await records.items.upsert({ ...MARKER, copied, at: new Date().toISOString() });
  return copied;
}
