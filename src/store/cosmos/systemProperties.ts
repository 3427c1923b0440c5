/** Cosmos adds _rid, _etag, _ts, _self, _attachments; the domain never sees them. */
export function withoutSystemProperties<T>(doc: T & Record<string, unknown>): T {
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!k.startsWith('_')) copy[k] = v;
  return copy as T;
}
