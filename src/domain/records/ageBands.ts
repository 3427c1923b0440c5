import type { Plan } from '../plan/schema';

/**
 * The age bands a log can be split by. A plan may set its own ("9-15", "13-15", "15-25", as
 * real plans do); without that, these bands, wide enough for every target group we have seen.
 */
export const defaultAgeBands = ['0-5', '6-12', '13-17', '18-24', '25-64', '65+'] as const;
/** @deprecated kept for code that predates per-plan bands; use ageBandsOf(plan). */
export const ageBands = defaultAgeBands;
export type AgeBand = string;

export function ageBandsOf(plan: Pick<Plan, 'settings'>): readonly string[] {
  return plan.settings.ageBands ?? defaultAgeBands;
}

export function isAgeBandOf(plan: Pick<Plan, 'settings'>, value: string): boolean {
  return ageBandsOf(plan).includes(value);
}

/** "9-15" → "9–15 år", "65+" → "65+ år": how a band reads in any language but the word for years. */
export function ageBandLabel(band: string, years: string): string {
  return `${band.replace('-', '–')} ${years}`;
}
