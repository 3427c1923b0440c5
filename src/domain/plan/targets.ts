import { z } from 'zod';
import { activeSchema, ageBandId, amountSchema, month, percentChangeSchema, slug, source, year } from './primitives';

/**
 * Success criteria (succeskriterier, leverancer) as the plans state them. docs/plan-format.md
 * has an example of each kind from a real plan; docs/plan-coverage.md maps every criterion of
 * the four plans we hold to one of them.
 */

const period = z.enum(['week', 'month', 'quarter', 'year', 'plan']);
export const referralLevel = z.enum(['referred', 'started', 'retained', 'completed']);
/** Other activities counted together with the target's own ("på tværs af aktiviteterne"). */
const activities = z.array(slug).min(1).optional();

/** What a change, an average over years or a funnel step counts. */
export const measureSchema = z.discriminatedUnion('of', [
  z.object({ of: z.enum(['participants', 'newParticipants', 'sessions', 'events', 'volunteers']), activities, ageBand: ageBandId.optional() }).strict(),
  z.object({ of: z.literal('uniquePeople'), activities }).strict(),
  z.object({ of: z.literal('referrals'), reaching: referralLevel, toOffer: slug.optional(), activities }).strict(),
  z.object({ of: z.literal('outcomes'), outcome: slug, activities }).strict(),
  z.object({ of: z.literal('meetings'), network: slug }).strict(),
  z.object({ of: z.literal('indicator'), indicator: slug }).strict(),
]);

/**
 * A figure a partner counts in its own records ("opgørelser fra kommunens ungeenhed"), entered
 * once a year with its source: `instead` of the logbook, or shown `beside` it.
 */
const reportedSchema = z.object({ by: slug.optional(), use: z.enum(['instead', 'beside']).default('instead'), text: z.string().optional() }).strict();

const targetBase = {
  id: slug,
  /** The plan's own words, e.g. "Der ansættes årligt minimum 40 nye lommepengejobbere". */
  text: z.string().min(1),
  source,
  active: activeSchema.optional(),
  reported: reportedSchema.optional(),
};

export const targetSchema = z.discriminatedUnion('kind', [
  z.object({
    ...targetBase,
    kind: z.literal('count'),
    /** What is counted from the logbook. */
    of: z.enum(['participants', 'newParticipants', 'sessions', 'events', 'volunteers']),
    /** Only participants in this age band (from the session's split by age). */
    ageBand: ageBandId.optional(),
    /** Only sessions of these kinds ("Festival", "Feriecamp"), from the activity's sessionKinds. */
    sessionKinds: z.array(slug).min(1).optional(),
    activities,
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
    /** `plan`: the whole plan period ("200 forældre over de 4 år"). */
    per: z.enum(['month', 'year', 'plan']),
    /** "i gennemsnit ... om måneden": the average over the period's months must meet the amount. */
    averaged: z.boolean().default(false),
    activities,
    amount: amountSchema,
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('repeatParticipation'),
    /** "kommer mere end 3 gange årligt" → moreThanSessions: 3. */
    moreThanSessions: z.number().int().min(1),
    /** The repetitions are counted within each `per` (a year), never across two. */
    per: period,
    activities,
    /** "50 % kommer mere end 3 gange" … */
    sharePercent: amountSchema.optional(),
    /** … or "50 deltagere, der kommer mere end 3 gange årligt". */
    amount: amountSchema.optional(),
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('referrals'),
    /** Counted when a referral reaches this status (or a later one on the same path). */
    reaching: referralLevel,
    toOffer: slug.optional(),
    activities,
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
  z.object({
    ...targetBase,
    kind: z.literal('pointInTime'),
    /** What is counted, in the plan's words ("beboere i småjob"). */
    of: z.string().min(1),
    /**
     * "Løbende 5 beboere i småjob": people in this offer right now, from referrals started and
     * not yet ended. Without it, the headcount of the latest session.
     */
    offer: slug.optional(),
    amount: amountSchema,
  }).strict(),
  z.object({ ...targetBase, kind: z.literal('meetingsHeld'), network: slug, per: period, amount: amountSchema }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('organisationsInvolved'),
    organisationKind: z.enum(['association', 'daycare', 'school', 'actor', 'partner', 'culture']).optional(),
    /** Only organisations logged at these kinds of session (the festival), not at every meeting. */
    sessionKinds: z.array(slug).min(1).optional(),
    per: period,
    amount: amountSchema,
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('outcomes'),
    /** One of the activity's `outcomes`: "mikrovirksomheder oprettet", "opsøgende besøg". */
    outcome: slug,
    activities,
    per: period,
    amount: amountSchema,
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('change'),
    measure: measureSchema,
    /** The year compared with, and its figure when it is not taken from that year's logs. */
    baseline: z.object({ year, value: z.number().nonnegative().optional() }).strict(),
    changePercent: percentChangeSchema,
    /** "stiger med 5 % om året": the change compounds for every year after the baseline. */
    compounding: z.boolean().default(false),
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('yearlyAverage'),
    measure: measureSchema,
    /** "som gennemsnit for perioden 2026–2028"; default the plan's years. */
    years: z.object({ from: year, to: year }).strict().optional(),
    amount: amountSchema,
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('funnel'),
    /** "35 % af de opsøgende besøg fører til et besøg i tilbuddet": `to` as a share of `from`. */
    from: measureSchema,
    to: measureSchema,
    sharePercent: amountSchema,
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('assessment'),
    /** `assessed`: a forum's judgement of a group; `survey`: a questionnaire's answers. */
    method: z.enum(['assessed', 'survey']),
    /** What is assessed or asked, in the plan's words. */
    question: z.string().min(1),
    /** The network (forum) that makes the assessment; its coordinators record it. */
    by: slug.optional(),
    per: period,
    sharePercent: amountSchema,
  }).strict(),
  z.object({
    ...targetBase,
    kind: z.literal('gap'),
    /** A population indicator with a comparison group (the municipality), entered every year. */
    indicator: slug,
    /** "forskellen halveres" is 50, by the plan's last year unless `byYear`. */
    reducePercent: z.number().min(0).max(100).optional(),
    byYear: year.optional(),
    /** "mindskes med 1 procentpoint om året". */
    reducePointsPerYear: z.number().positive().optional(),
    /** "udgør højst 7,5 procentpoint"; with `averaged`, "i gennemsnit" over the years so far. */
    atMostPoints: z.number().nonnegative().optional(),
    averaged: z.boolean().default(false),
  }).strict(),
]).superRefine((t, ctx) => {
  // discriminatedUnion takes plain objects only, so the rules that span fields live here.
  if ((t.kind === 'repeatParticipation' || t.kind === 'retention') && t.amount === undefined && t.sharePercent === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['amount'], message: 'angiv amount (et antal) eller sharePercent (en andel i procent)' });
  }
  if (t.kind === 'gap' && [t.reducePercent, t.reducePointsPerYear, t.atMostPoints].filter((v) => v !== undefined).length !== 1) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reducePercent'], message: 'angiv præcis én af reducePercent, reducePointsPerYear og atMostPoints' });
  }
});

export type Target = z.output<typeof targetSchema>;
export type TargetKind = Target['kind'];
export type Measure = z.output<typeof measureSchema>;
