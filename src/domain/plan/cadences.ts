import { z } from 'zod';
import { amountSchema, clock, isoDate, month, slug } from './primitives';

const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * A network's rhythm as the plans state it; `text` keeps the plan's own words. A network may
 * have several (its own meetings, and reporting to another body each quarter): each then has an
 * `id` and a `label`, and a logged meeting says which one it was.
 */
const cadenceIdentity = {
  id: slug.optional(),
  /** "Afrapportering til bestyrelsen"; shown in status and on the meeting card. */
  label: z.string().min(1).optional(),
  text: z.string(),
};

export const cadenceSchema = z.discriminatedUnion('kind', [
  z.object({
    ...cadenceIdentity,
    kind: z.literal('every'),
    n: z.number().int().min(1),
    unit: z.enum(['week', 'month']),
    excludeMonths: z.array(month).optional(),
  }).strict(),
  z.object({
    ...cadenceIdentity,
    kind: z.literal('perYear'),
    count: amountSchema,
    excludeMonths: z.array(month).optional(),
  }).strict(),
  z.object({
    ...cadenceIdentity,
    kind: z.literal('monthlyWeekday'),
    nth: z.number().int().min(1).max(5),
    weekday,
    start: clock.optional(),
    end: clock.optional(),
    excludeMonths: z.array(month).optional(),
    skipPublicHolidays: z.boolean().default(false),
  }).strict(),
  z.object({ ...cadenceIdentity, kind: z.literal('dated'), dates: z.array(isoDate).min(1) }).strict(),
  /** "mødes imellem bestyrelsesmøderne": once between two meetings of another body. */
  z.object({ ...cadenceIdentity, kind: z.literal('between'), network: slug }).strict(),
  z.object({ ...cadenceIdentity, kind: z.literal('asNeeded') }).strict(),
]);

export type Cadence = z.output<typeof cadenceSchema>;

/** A network's cadences, each with an id: `main` for a network with one. */
export function cadencesOf(network: { cadence?: Cadence; cadences?: Cadence[] }): (Cadence & { id: string })[] {
  if (network.cadence) return [{ ...network.cadence, id: network.cadence.id ?? 'main' }];
  return (network.cadences ?? []).map((c, i) => ({ ...c, id: c.id ?? (i === 0 ? 'main' : `cadence-${i + 1}`) }));
}

/** The rhythm a network's meetings follow: its first cadence. */
export function mainCadence(network: { cadence?: Cadence; cadences?: Cadence[] }): Cadence & { id: string } {
  return cadencesOf(network)[0]!;
}
