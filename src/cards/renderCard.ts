import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { cardVerbs } from './verbs';

export type CardJson = Record<string, unknown>;
export const templateNames = ['help', 'attendance-form', 'record-saved', 'status', 'referral-form', 'my-referrals', 'meeting-form', 'my-entries', 'attendance-week', 'reminder', 'reminder-settings', 'next-meeting-form', 'indicator-form', 'outcome-form', 'assessment-form', 'members', 'choose-plan', 'team-roster', 'unreachable', 'suggestion'] as const;
export type TemplateName = (typeof templateNames)[number];

function findTemplatesDir(): string {
  // Works from src/ under tsx and from dist/ after a build.
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'adaptive-cards');
    if (existsSync(join(candidate, 'help.json'))) return candidate;
  }
  throw new Error('adaptive-cards/ not found above ' + __dirname);
}

const templatesDir = findTemplatesDir();
const templates = new Map<TemplateName, ACData.Template>();

export function loadTemplate(name: TemplateName): CardJson {
  return JSON.parse(readFileSync(join(templatesDir, `${name}.json`), 'utf8')) as CardJson;
}

function templateFor(name: TemplateName): ACData.Template {
  let t = templates.get(name);
  if (!t) {
    t = new ACData.Template(loadTemplate(name));
    templates.set(name, t);
  }
  return t;
}

/** `$when: false` leaves nulls behind, and an empty input value is better left out. */
function prune(node: unknown): unknown {
  if (Array.isArray(node)) return node.filter((n) => n !== null).map(prune);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (v === null || (k === 'value' && v === '')) continue;
      out[k] = prune(v);
    }
    return out;
  }
  return node;
}

/**
 * Expands a template with its view model. A binding left unexpanded means the view model and
 * template disagree; failing loudly here keeps "${...}" from ever reaching a user.
 */
export function renderCard(name: TemplateName, data: Record<string, unknown>): CardJson {
  const expanded = prune(templateFor(name).expand({ $root: { ...data, verbs: cardVerbs } })) as CardJson;
  const text = JSON.stringify(expanded);
  const leftover = text.match(/\$\{[^}]*\}/);
  if (leftover) throw new Error(`card ${name} has an unbound ${leftover[0]}`);
  return expanded;
}
