import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Card input values arrive as text (numbers too, in Teams); anything else is a forged payload. */
export const cardText = (max: number) => z.union([z.string().max(max), z.number().finite()]).transform(String).optional();

/** Every form carries the plan it was drawn for and a submission id minted when it was drawn. */
export const formIdentity = { planId: z.string().min(1).max(100), submissionId: z.string().uuid() };

/** The longest text any card input takes (a meeting summary); a value kept is never cut shorter. */
const LONGEST_INPUT = 2000;

/**
 * The submission id and correction target a card carried, to draw it again unchanged: saved
 * again with the same id, a record that did get stored the first time is not stored twice.
 */
export function keptIdentity(payload: unknown): { submissionId: string; correcting?: string } {
  const source = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const id = formIdentity.submissionId.safeParse(source.submissionId);
  const correcting = typeof source.correcting === 'string' && source.correcting ? source.correcting.slice(0, 200) : undefined;
  return { submissionId: id.success ? id.data : randomUUID(), ...(correcting ? { correcting } : {}) };
}

/** The readable text values of a payload, to give back to the user when it cannot be used. */
export function pickValues<K extends string>(payload: unknown, keys: readonly K[]): Partial<Record<K, string>> {
  const source = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const values: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const v = source[key];
    if (typeof v === 'string' || typeof v === 'number') values[key] = String(v).slice(0, LONGEST_INPUT);
  }
  return values;
}
