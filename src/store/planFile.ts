import { readFile } from 'node:fs/promises';
import type { PlanIssue } from '../domain/plan/parsePlan';
import { formatIssues, parsePlanText } from '../domain/plan/planText';

export { formatIssues };

/** Reads a YAML (or JSON, which is YAML) plan file and keeps a way to map paths to lines. */
export async function readPlanFile(file: string): Promise<{ raw: unknown; lineOf: (path: PlanIssue['path']) => number | undefined }> {
  const parsed = parsePlanText(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}:${parsed.line ?? '?'}: YAML-fejl: ${parsed.message}`);
  return { raw: parsed.raw, lineOf: parsed.lineOf };
}
