import { z } from 'zod';
import { isValidIsoDate } from '../calendar';
import { isClockTime } from '../clockTime';

/**
 * The plan file format, version 1. A plan file is the declarative twin of a helhedsplan's
 * documents: everything the bot reminds about or counts against comes from here.
 * Field names are English; quotes from the plan (`text`, `quote`) stay Danish.
 */

const isoDate = z.string().refine(isValidIsoDate, 'skal være en dato som ÅÅÅÅ-MM-DD');
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'skal være en måned som ÅÅÅÅ-MM');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'skal være små bogstaver, tal og bindestreg');
const month = z.number().int().min(1).max(12);
const clock = z.string().refine(isClockTime, 'skal være et klokkeslæt som TT:MM');

/** Where a figure or rule comes from in the plan's documents, so a reader can check it. */
const source = z.string().min(1).optional();

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

const period = z.enum(['week', 'month', 'quarter', 'year', 'plan']);

const ageBand = z
  .object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional(), text: z.string().optional() })
  .strict();

const targetBase = {
  id: slug,
  /** The plan's own words, e.g. "Der ansættes årligt minimum 40 nye lommepengejobbere". */
  text: z.string().min(1),
  source,
};

/** Every kind of target the plans use; see docs/plan-format.md for one example of each. */
export const targetSchema = z.discriminatedUnion('kind', [
  z.object({
    ...targetBase,
    kind: z.literal('count'),
    /** What is counted from the logbook. */
    of: z.enum(['participants', 'newParticipants', 'sessions', 'events', 'volunteers']),
    per: period,
    amount: amountSchema,
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('sessionsPerWeek'),
    amount: amountSchema,
    excludeMonths: z.array(month).optional(),
  }).strict(),
  z.object({ ...targetBase, kind: z.literal('averageAttendance'), amount: amountSchema }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('uniquePeople'),
    per: z.enum(['month', 'year']),
    /** "i gennemsnit ... om måneden": the average over the period's months must meet the amount. */
    averaged: z.boolean().default(false),
    amount: amountSchema,
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('repeatParticipation'),
    /** "kommer mere end 3 gange årligt" → moreThanSessions: 3. */
    moreThanSessions: z.number().int().min(1),
    per: period,
    sharePercent: amountSchema,
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('referrals'),
    /** Counted when a referral reaches this status (or a later one on the same path). */
    reaching: z.enum(['referred', 'started', 'retained', 'completed']),
    toOffer: z.string().optional(),
    per: period,
    amount: amountSchema,
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('retention'),
    afterMonths: z.number().int().min(1),
    amount: amountSchema.optional(),
    sharePercent: amountSchema.optional(),
  }).strict(),
  z.object({ ...targetBase, kind: z.literal('pointInTime'), of: z.string().min(1), amount: amountSchema }).strict(),
  z.object({ ...targetBase, kind: z.literal('meetingsHeld'), network: slug, per: period, amount: amountSchema }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('organisationsInvolved'),
    organisationKind: z.enum(['association', 'daycare', 'school', 'actor', 'partner', 'culture']).optional(),
    per: period,
    amount: amountSchema,
  }).strict(),
]);

const weekday = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** Meeting cadences as the plans state them; `text` keeps the plan's own words. */
export const cadenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('every'),
    n: z.number().int().min(1),
    unit: z.enum(['week', 'month']),
    excludeMonths: z.array(month).optional(),
    text: z.string(),
  }).strict(),
  z.object({
    kind: z.literal('perYear'),
    count: amountSchema,
    excludeMonths: z.array(month).optional(),
    text: z.string(),
  }).strict(),
  z.object({
    kind: z.literal('monthlyWeekday'),
    nth: z.number().int().min(1).max(5),
    weekday,
    start: clock.optional(),
    end: clock.optional(),
    excludeMonths: z.array(month).optional(),
    skipPublicHolidays: z.boolean().default(false),
    text: z.string(),
  }).strict(),
  z.object({ kind: z.literal('dated'), dates: z.array(isoDate).min(1), text: z.string() }).strict(),
  z.object({ kind: z.literal('asNeeded'), text: z.string() }).strict(),
]);

const indicatorSchema = z
  .object({
    id: slug,
    name: z.string().min(1),
    unit: z.enum(['percent', 'count', 'grade', 'kroner']),
    baseline: z
      .object({
        value: z.number().nullable(),
        year: z.string().min(1).nullable(),
        comparison: z.object({ label: z.string(), value: z.number().nullable() }).strict().optional(),
        note: z.string().optional(),
      })
      .strict(),
    /** "falder", "øges til niveau for KK", "fastholdes", "forbliver på niveau". */
    direction: z.enum(['falls', 'rises', 'holds', 'toComparisonLevel']),
    target: z.number().optional(),
    dataSource: z.string().min(1),
    source,
  })
  .strict();

const goalSchema = z
  .object({ id: slug, level: z.enum(['overall', 'sub']), text: z.string().min(1), indicators: z.array(indicatorSchema), source })
  .strict();

export const roleSchema = z.enum(['member', 'coordinator', 'leader', 'admin']);

export const planSchema = z
  .object({
    schemaVersion: z.literal(1),
    id: slug,
    name: z.string().min(1),
    shortName: z.string().min(1),
    parties: z.array(z.string().min(1)).min(1),
    period: z.object({ start: isoDate, end: isoDate }).strict(),
    timeZone: z.string().default('Europe/Copenhagen'),
    settings: z
      .object({
        editWindowDays: z.number().int().min(0).default(14),
        personCodeRetentionMonths: z.number().int().min(1).default(24),
        referralFollowUpMonths: z.number().int().min(1).default(6),
      })
      .strict()
      .default({}),
    organisations: z
      .array(
        z.object({
          id: slug,
          name: z.string().min(1),
          kind: z.enum(['housing', 'municipality', 'school', 'daycare', 'association', 'ngo', 'education', 'business', 'police', 'culture', 'other']),
          aliases: z.array(z.string()).default([]),
        }).strict(),
      )
      .default([]),
    places: z
      .array(
        z.object({
          id: slug,
          name: z.string().min(1),
          kind: z.enum(['department', 'place', 'subArea']),
          subArea: slug.optional(),
          organisation: slug.optional(),
        }).strict(),
      )
      .default([]),
    members: z
      .array(
        z.object({
          id: slug,
          /** Synthetic names only: plans name real people, the demo must not. */
          name: z.string().min(1),
          aadObjectId: z.string().min(1),
          organisation: slug.optional(),
          roles: z.array(roleSchema).min(1),
        }).strict(),
      )
      .default([]),
    focusAreas: z
      .array(z.object({ id: slug, name: z.string().min(1), aliases: z.array(z.string()).default([]), goals: z.array(goalSchema).default([]) }).strict())
      .min(1),
    activities: z
      .array(
        z.object({
          id: slug,
          name: z.string().min(1),
          aliases: z.array(z.string()).default([]),
          focusAreas: z.array(slug).min(1),
          purpose: z.string().optional(),
          targetGroup: ageBand.optional(),
          owner: slug.optional(),
          partners: z.array(slug).default([]),
          /** "ugentligt": weekly sessions are chased when no attendance is logged. */
          sessionCadence: z.enum(['weekly', 'monthly', 'event', 'course', 'ongoing']).optional(),
          usesParticipantCodes: z.boolean().default(false),
          referralFollowUpMonths: z.number().int().min(1).optional(),
          targets: z.array(targetSchema).default([]),
          source,
        }).strict(),
      )
      .default([]),
    networks: z
      .array(
        z.object({
          id: slug,
          name: z.string().min(1),
          aliases: z.array(z.string()).default([]),
          kind: z.enum(['network', 'board', 'followUpGroup', 'steeringGroup', 'workingGroup', 'leadershipGroup', 'other']),
          activity: slug.optional(),
          members: z.array(slug).default([]),
          coordinators: z.array(slug).default([]),
          organisations: z.array(slug).default([]),
          cadence: cadenceSchema,
          source,
        }).strict(),
      )
      .default([]),
    offers: z
      .array(z.object({ id: slug, name: z.string().min(1), organisation: slug.optional(), aliases: z.array(z.string()).default([]) }).strict())
      .default([]),
    milestones: z
      .array(
        z.object({
          id: slug,
          text: z.string().min(1),
          due: z.union([z.object({ date: isoDate }).strict(), z.object({ from: isoMonth, to: isoMonth }).strict()]),
          activity: slug.optional(),
          owner: slug.optional(),
          source,
        }).strict(),
      )
      .default([]),
  })
  .strict();

export type PlanFile = z.input<typeof planSchema>;
export type Plan = z.output<typeof planSchema>;
export type Target = z.output<typeof targetSchema>;
export type Cadence = z.output<typeof cadenceSchema>;
export type Amount = z.output<typeof amountSchema>;
export type Role = z.output<typeof roleSchema>;
export type Activity = Plan['activities'][number];
export type Network = Plan['networks'][number];
export type Member = Plan['members'][number];
