import type { Database } from '@azure/cosmos';
import { containerDefinitions } from './containers';
import { isStatus, NOT_FOUND } from './cosmosErrors';
import { withoutSystemProperties } from './systemProperties';

/** Noted in the old container once its entries are copied, so the copy runs once; nothing reads that container any more. */
const MARKER = { id: 'copied-to-records', planId: '_migration' };

/**
 * The audit log had a container of its own (`audit`) until it moved beside the records (one
 * transactional batch for a record and its entry, docs/storage.md). An existing database's
 * entries are copied into `records` once, at start; entry ids are deterministic, so a copy cut
 * short and run again writes nothing twice. The old container is left in place: deleting a
 * container is a control-plane change the app's data-plane role may not make, and a Bicep
 * deployment deletes nothing. A database without it costs one request at start. Returns how
 * many entries were copied.
 */
export async function copyLegacyAuditLog(database: Database): Promise<number> {
  const legacy = database.container('audit');
  try {
    if (!(await legacy.read()).resource) return 0;
  } catch (err) {
    if (isStatus(err, NOT_FOUND)) return 0;
    throw err;
  }
  if ((await legacy.item(MARKER.id, MARKER.planId).read()).resource) return 0;
  const records = database.container(containerDefinitions.records.id);
  const { resources } = await legacy.items.readAll<Record<string, unknown>>().fetchAll();
  let copied = 0;
  for (const entry of resources) {
    if (entry.id === MARKER.id) continue;
    await records.items.upsert(withoutSystemProperties(entry));
    copied++;
  }
  await legacy.items.upsert({ ...MARKER, copied, at: new Date().toISOString() });
  return copied;
}
