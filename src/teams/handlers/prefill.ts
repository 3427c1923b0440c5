/** What a reminder's button may preselect in the form it opens; anything else in the data is ignored. */
export function prefillOf(data: unknown): { networkId?: string; activityId?: string; date?: string } {
  if (!data || typeof data !== 'object') return {};
  const d = data as Record<string, unknown>;
  const pick = (k: string) => (typeof d[k] === 'string' && d[k] ? { [k]: (d[k] as string).slice(0, 100) } : {});
  return { ...pick('networkId'), ...pick('activityId'), ...pick('date') };
}

/** The channel reminder card a form was opened from (see sharedCard.ts), or ''. */
export function cardIdOf(data: unknown): string {
  const id = data && typeof data === 'object' ? (data as Record<string, unknown>).cardId : undefined;
  return typeof id === 'string' && id.length <= 500 ? id : '';
}
