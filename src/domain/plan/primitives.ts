import { z } from 'zod';
import { isValidIsoDate } from '../calendar';
import { isClockTime } from '../clockTime';

/** The small shapes every part of a plan file is built from. Messages are Danish: planners read them. */

export const isoDate = z.string().refine(isValidIsoDate, 'skal være en dato som ÅÅÅÅ-MM-DD');
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'skal være en måned som ÅÅÅÅ-MM');
export const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'skal være måned og dag som MM-DD')
  .refine((v) => isValidIsoDate(`2024-${v}`), 'den dag findes ikke');
export const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'skal være små bogstaver, tal og bindestreg');
export const month = z.number().int().min(1).max(12);
export const year = z.number().int().min(2000).max(2100);
/** TT:MM on a 24-hour clock; "99:99" is not a time. */
export const clock = z.string().refine(isClockTime, 'skal være et klokkeslæt som TT:MM');

/** Where a figure or rule comes from in the plan's documents, so a reader can check it. */
export const source = z.string().min(1).optional();

/** A numeric target: "mindst 40" (min), "højst 5" (max), "100-130" (min+max), "ca. 400" (approx). */
export const amountSchema = z
  .object({
    min: z.number().nonnegative().optional(),
    max: z.number().nonnegative().optional(),
    approx: z.number().nonnegative().optional(),
  })
  .strict()
  .refine((a) => a.min !== undefined || a.max !== undefined || a.approx !== undefined, {
    message: 'angiv mindst én af min, max eller approx',
  })
  .refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, {
    message: 'min må ikke være større end max',
  });

/** A change in per cent, signed: "20 % færre" is { max: -20 }, "stiger med 5 %" is { min: 5 }. */
export const percentChangeSchema = z
  .object({ min: z.number().min(-100).optional(), max: z.number().min(-100).optional(), approx: z.number().min(-100).optional() })
  .strict()
  .refine((a) => a.min !== undefined || a.max !== undefined || a.approx !== undefined, { message: 'angiv mindst én af min, max eller approx' })
  .refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, { message: 'min må ikke være større end max' });

/**
 * When a target, activity or network applies: years or dates, or years of the plan counted from
 * its start ("det første år" is { fromPlanYear: 1, toPlanYear: 1 }). Outside it, status says
 * "ikke aktiv", never "bagud".
 */
export const activeSchema = z
  .object({
    from: z.union([year, isoDate]).optional(),
    to: z.union([year, isoDate]).optional(),
    fromPlanYear: z.number().int().min(1).max(20).optional(),
    toPlanYear: z.number().int().min(1).max(20).optional(),
  })
  .strict()
  .refine((a) => Object.values(a).some((v) => v !== undefined), { message: 'angiv from, to, fromPlanYear eller toPlanYear' })
  .refine((a) => !(a.from !== undefined && a.fromPlanYear !== undefined) && !(a.to !== undefined && a.toPlanYear !== undefined), {
    message: 'brug enten årstal/datoer eller planår, ikke begge',
  });

/** An age band as the plan writes it: "9-15", "65+". */
export const ageBandId = z.string().regex(/^(\d{1,3}-\d{1,3}|\d{1,3}\+)$/, 'skal være et aldersinterval som "9-15" eller "65+"');

export type Amount = z.output<typeof amountSchema>;
export type PercentChange = z.output<typeof percentChangeSchema>;
export type Active = z.output<typeof activeSchema>;
