import { z } from 'zod';

/**
 * zod's messages in Danish, for the people who write plan files. zod-i18n-map has no Danish
 * catalogue and needs i18next besides, so this small map covers the issue codes a plan file can
 * raise; the schema's own messages (custom, regex) are Danish already and pass through.
 */
const typeNames: Record<string, string> = {
  string: 'tekst',
  number: 'et tal',
  integer: 'et helt tal',
  boolean: 'true eller false',
  object: 'en gruppe af felter',
  array: 'en liste',
  null: 'tom',
  undefined: 'ikke udfyldt',
  date: 'en dato',
  bigint: 'et tal',
  nan: 'ikke et tal',
  float: 'et decimaltal',
};
const typeName = (t: string) => typeNames[t] ?? t;
const list = (values: readonly unknown[]) => values.map((v) => `"${String(v)}"`).join(', ');

export const danishErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined') return { message: 'skal udfyldes' };
      return { message: `skal være ${typeName(issue.expected)}, men er ${typeName(issue.received)}` };
    case z.ZodIssueCode.invalid_literal:
      return { message: `skal være ${JSON.stringify(issue.expected)}` };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: `${issue.keys.length === 1 ? 'ukendt felt' : 'ukendte felter'}: ${issue.keys.join(', ')} (stavefejl, eller et felt formatet ikke har?)` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `"${String(issue.received)}" er ikke tilladt; vælg en af ${list(issue.options)}` };
    case z.ZodIssueCode.invalid_union_discriminator:
      return { message: `skal være en af ${list(issue.options)}` };
    case z.ZodIssueCode.invalid_union: {
      // The branch that came closest says best what is wrong.
      const closest = [...issue.unionErrors].sort((a, b) => a.issues.length - b.issues.length)[0]?.issues[0];
      if (!closest) return { message: 'passer ikke til nogen af de tilladte former' };
      const where = closest.path.slice(issue.path.length).join('.');
      return { message: `passer ikke til nogen af de tilladte former${where ? ` (${where}: ${closest.message})` : ` (${closest.message})`}` };
    }
    case z.ZodIssueCode.too_small:
      if (issue.type === 'array') return { message: `skal have mindst ${String(issue.minimum)} ${issue.minimum === 1 ? 'element' : 'elementer'}` };
      if (issue.type === 'string') return { message: issue.minimum === 1 ? 'må ikke være tom' : `skal være mindst ${String(issue.minimum)} tegn` };
      return { message: `skal være mindst ${String(issue.minimum)}` };
    case z.ZodIssueCode.too_big:
      if (issue.type === 'array') return { message: `må højst have ${String(issue.maximum)} elementer` };
      if (issue.type === 'string') return { message: `må højst være ${String(issue.maximum)} tegn` };
      return { message: `må højst være ${String(issue.maximum)}` };
    case z.ZodIssueCode.not_multiple_of:
      return { message: `skal gå op i ${String(issue.multipleOf)}` };
    case z.ZodIssueCode.invalid_string:
      return { message: 'har ikke det rigtige format' };
    case z.ZodIssueCode.invalid_date:
      return { message: 'er ikke en gyldig dato' };
    case z.ZodIssueCode.not_finite:
      return { message: 'skal være et endeligt tal' };
    case z.ZodIssueCode.custom:
      return { message: issue.message ?? 'er ugyldig' };
    default:
      return { message: ctx.defaultError };
  }
};
