/** What a reminder's button may preselect in the form it opens; anything else in the data is ignored. */
export function prefillOf(data: unknown): { networkId?: string; activityId?: string; date?: string } {
  if (!data || typeof data !== 'object') return {};
  const d = data as Record<string, unknown>;
  const pick = (k: string) => (typeof d[k] === 'string' && d[k] ? { [k]: (d[k] as string).slice(0, 100) } : {});
  return { ...pick('networkId'), ...pick('activityId'), ...pick('date') };
}
