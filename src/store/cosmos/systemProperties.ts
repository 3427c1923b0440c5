/** Cosmos adds _rid, _etag, _ts, _self, _attachments, and the store sets `ttl`; the domain never sees them. */
export function withoutSystemProperties<T>(doc: T & Record<string, unknown>): T {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_') && k !== 'ttl') copy[k] = v;
  return copy as T;
}
