/** The age bands a log can be split by; wide enough to fit every target group in the plans. */
export const ageBands = ['0-5', '6-12', '13-17', '18-24', '25-64', '65+'] as const;
export type AgeBand = (typeof ageBands)[number];

export function isAgeBand(value: string): value is AgeBand {
  return (ageBands as readonly string[]).includes(value);
}
