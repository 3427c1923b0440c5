import { daysBetween } from '../domain/calendar';
import type { Plan } from '../domain/plan/schema';
import { ageBandsOf } from '../domain/records/ageBands';
import { consentBases, nextStatusesOf, type ReferralRecord } from '../domain/records/referral';
import type { Messages } from '../i18n';
import type { MyReferrals } from '../usecases/followUpReferrals';
import type { ReferralForm } from '../usecases/logReferral';
import { fieldErrorTexts } from './fieldErrorTexts';
import { formFrame } from './formFrame';
import { nameOf } from './planNames';
import { recordSavedCard } from './recordSavedCard';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

const fields = ['from', 'to', 'toText', 'personCode', 'ageBand', 'consentBasis', 'date'] as const;

export function referralFormCard(m: Messages, form: ReferralForm): CardJson {
  const f = m.referralForm;
  const errors = fieldErrorTexts(m, form.errors, fields);
  const { plan } = form;
  const fromChoices = [
    ...plan.activities.map((a) => ({ title: `${f.activity}: ${a.name}`, value: `activity:${a.id}` })),
    ...plan.organisations.map((o) => ({ title: `${f.partner}: ${o.name}`, value: `organisation:${o.id}` })),
  ];
  const toChoices = [
    ...plan.offers.map((o) => ({ title: `${f.offer}: ${o.name}`, value: `offer:${o.id}` })),
    ...plan.organisations.map((o) => ({ title: o.name, value: `organisation:${o.id}` })),
  ];
  const known = (choices: { value: string }[], v: string | undefined) => (v && choices.some((c) => c.value === v) ? v : '');
  return renderCard('referral-form', {
    ...formFrame(m, form, f, m.myEntries.correctReferralTitle),
    fromChoices,
    toChoices,
    ageBands: ageBandsOf(plan).map((b) => ({ title: m.ageBandName(b), value: b })),
    consentBases: consentBases.map((c) => ({ title: m.consentNames[c], value: c })),
    values: {
      from: known(fromChoices, form.values.from),
      to: known(toChoices, form.values.to),
      toText: form.values.toText ?? '',
      personCode: form.values.personCode ?? '',
      ageBand: form.values.ageBand && ageBandsOf(plan).includes(form.values.ageBand) ? form.values.ageBand : '',
      consentBasis: form.values.consentBasis && (consentBases as readonly string[]).includes(form.values.consentBasis) ? form.values.consentBasis : '',
      date: form.values.date ?? '',
    },
    errors,
  });
}

function headingOf(m: Messages, plan: Plan, r: ReferralRecord): string {
  return `${r.personCode ?? m.myReferrals.withoutCode} · ${nameOf(plan, r.from)} → ${nameOf(plan, r.to)}`;
}

export function referralSavedCard(m: Messages, plan: Plan, r: ReferralRecord, alreadySaved: boolean, corrected = false): CardJson {
  const s = m.referralSaved;
  return recordSavedCard({
    title: s.title,
    planName: plan.name,
    notice: corrected ? m.myEntries.corrected : alreadySaved ? s.alreadySaved : '',
    facts: [
      { title: s.from, value: nameOf(plan, r.from) },
      { title: s.to, value: nameOf(plan, r.to) },
      ...(r.personCode ? [{ title: s.personCode, value: r.personCode }] : []),
      { title: s.ageBand, value: m.ageBandName(r.ageBand) },
      { title: s.consentBasis, value: m.consentNames[r.consentBasis] },
      { title: s.date, value: m.formatDate(r.date) },
      { title: s.status, value: m.statusNames[r.status] },
      { title: s.followUp, value: m.formatDate(r.followUpDate) },
    ],
    actions: [
      { title: s.logAnother, verb: cardVerbs.showReferralForm },
      { title: s.myReferrals, verb: cardVerbs.showMyReferrals },
    ],
  });
}

export function myReferralsCard(m: Messages, view: MyReferrals): CardJson {
  const l = m.myReferrals;
  const { plan, today, outcome } = view;
  let notice = '';
  let noticeColor = 'Good';
  if (outcome?.moved) {
    const last = outcome.referral.history[outcome.referral.history.length - 1]!;
    notice = l.moved(headingOf(m, plan, outcome.referral), m.statusNames[last.status], m.formatDate(last.date));
  } else if (outcome) {
    notice = l.refused[outcome.reason];
    noticeColor = 'Attention';
  }
  return renderCard('my-referrals', {
    labels: l,
    planName: plan.name,
    today,
    notice,
    noticeColor,
    empty: view.referrals.length ? '' : l.empty,
    referrals: view.referrals.map((r) => ({
      heading: headingOf(m, plan, r),
      facts: [
        { title: l.status, value: m.statusNames[r.status] },
        { title: l.referredOn, value: m.formatDate(r.date) },
        { title: l.followUp, value: `${m.formatDate(r.followUpDate)}${daysBetween(today, r.followUpDate) < 0 ? ` (${l.overdue})` : ''}` },
      ],
      moves: nextStatusesOf(r.status).map((to) => ({ title: l.moveTo(m.statusNames[to]), verb: cardVerbs.advanceReferral, planId: plan.id, referralId: r.id, to })),
    })),
  });
}
