import { z } from 'zod';
import { cadenceSchema, type Cadence } from './cadences';
import { activeSchema, ageBandId, isoDate, isoMonth, monthDay, slug, source, type Amount } from './primitives';
import { targetSchema, type Target } from './targets';

/**
 * The plan file format. A plan file is the declarative twin of a helhedsplan's documents:
 * everything the bot reminds about or counts against comes from here. Field names are English;
 * quotes from the plan (`text`, `quote`) stay Danish. Version 2 only adds to version 1, so a
 * version-1 file reads unchanged (docs/plan-format.md).
 */

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
    /** "falder", "øges til niveau for KK", "fastholdes", "forbliver på niveau"; `watch`: followed, with no direction set. */
    direction: z.enum(['falls', 'rises', 'holds', 'toComparisonLevel', 'watch']),
    /** Which way is good, where the direction does not say ("til niveau for KK" from above or below). */
    better: z.enum(['higher', 'lower']).optional(),
    target: z.number().optional(),
    /** "ca. 10 om året i 2019": the target is reached along a straight line from the baseline by this year. */
    targetYear: z.number().int().min(2000).max(2100).optional(),
    dataSource: z.string().min(1),
    source,
  })
  .strict();

/**
 * A goal (mål or delmål) with its population indicators, and the criteria that belong to the
 * goal rather than to one activity: people across several activities, a gap to the municipality,
 * a forum's assessment.
 */
const goalSchema = z
  .object({
    id: slug,
    level: z.enum(['overall', 'sub']),
    text: z.string().min(1),
    indicators: z.array(indicatorSchema).default([]),
    targets: z.array(targetSchema).default([]),
    source,
  })
  .strict();

/** Something logged for an activity that is neither a session nor a referral: "opsøgende besøg". */
const namedKind = z.object({ id: slug, name: z.string().min(1), aliases: z.array(z.string()).default([]) }).strict();

/** An activity's target group: "9-15 år". */
const ageRange = z
  .object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional(), text: z.string().optional() })
  .strict();

export const roleSchema = z.enum(['member', 'coordinator', 'leader', 'admin']);

export const planSchema = z
  .object({
    schemaVersion: z.union([z.literal(1), z.literal(2)]),
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
        /** The plan's own age bands ("9-15", "13-15", "15-25"); logs are split by them. */
        ageBands: z.array(ageBandId).min(1).optional(),
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
          /** The user's e-mail address (user principal name) in Teams; the bot finds their object id. */
          email: z.string().trim().toLowerCase().email('skal være en e-mailadresse som navn@kommune.dk').optional(),
          /** Entra object id; optional since version 2 may name people by e-mail instead. */
          aadObjectId: z.string().min(1).optional(),
          organisation: slug.optional(),
          roles: z.array(roleSchema).min(1),
        })
          .strict()
          .refine((m) => m.email !== undefined || m.aadObjectId !== undefined, { message: 'angiv email (personens e-mailadresse i Teams) eller aadObjectId', path: ['email'] }),
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
          targetGroup: ageRange.optional(),
          owner: slug.optional(),
          partners: z.array(slug).default([]),
          /** "ugentligt": weekly sessions are chased when no attendance is logged. */
          sessionCadence: z.enum(['weekly', 'monthly', 'event', 'course', 'ongoing']).optional(),
          usesParticipantCodes: z.boolean().default(false),
          referralFollowUpMonths: z.number().int().min(1).optional(),
          targets: z.array(targetSchema).default([]),
          /** Outputs and contacts logged for the activity: "mikrovirksomheder oprettet", "opsøgende besøg". */
          outcomes: z.array(namedKind).default([]),
          /** Kinds of session the plan counts apart: "Festival", "Feriecamp". */
          sessionKinds: z.array(namedKind).default([]),
          active: activeSchema.optional(),
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
          cadence: cadenceSchema.optional(),
          /** More than one rhythm: its own meetings, and reporting to another body. */
          cadences: z.array(cadenceSchema).min(1).optional(),
          active: activeSchema.optional(),
          source,
        })
          .strict()
          .refine((n) => (n.cadence === undefined) !== (n.cadences === undefined), { message: 'angiv enten cadence eller cadences', path: ['cadence'] }),
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
          /** A date, a month range ("maj–juli"), or every year on a day (the yearly report to LBF). */
          due: z.union([z.object({ date: isoDate }).strict(), z.object({ from: isoMonth, to: isoMonth }).strict(), z.object({ yearly: monthDay }).strict()]),
          /** For a yearly milestone: the years it recurs in (default every year of the plan). */
          active: activeSchema.optional(),
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
export type { Amount, Cadence, Target };
export type Role = z.output<typeof roleSchema>;
export type Activity = Plan['activities'][number];
export type Network = Plan['networks'][number];
export type Member = Plan['members'][number];
export type Goal = Plan['focusAreas'][number]['goals'][number];
export type Indicator = Goal['indicators'][number];
export type Milestone = Plan['milestones'][number];
