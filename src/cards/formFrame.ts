import type { Messages } from '../i18n';
import type { Form } from '../usecases/forms';

/**
 * The view-model fields every form template binds: title, labels, the ids its Save button
 * carries, and the notice above the inputs (database away, unreadable card, or fix the marked fields).
 */
export function formFrame<L extends { title: string; unreadable: string; fixBelow: string }>(m: Messages, form: Form<unknown>, labels: L, correctTitle?: string) {
  return {
    title: form.correcting && correctTitle ? correctTitle : labels.title,
    correcting: form.correcting ?? '',
    labels: { ...labels, required: m.fieldErrors.required },
    planName: form.plan.name,
    planId: form.plan.id,
    submissionId: form.submissionId,
    notice: form.unavailable ? m.outage.formNotice : form.unreadable ? labels.unreadable : form.errors.length ? labels.fixBelow : '',
  };
}

/** A whole number goes back into an Input.Number; anything else cannot, and is left out. */
export function numberOrEmpty(value: string | undefined): number | string {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : '';
}
