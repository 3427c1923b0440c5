import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { PlanIssue } from '../domain/plan/parsePlan';

export interface PlanFileIssue extends PlanIssue {
  line?: number;
}

/** Reads a YAML (or JSON, which is YAML) plan file and keeps a way to map paths to lines. */
export async function readPlanFile(file: string): Promise<{ raw: unknown; lineOf: (path: PlanIssue['path']) => number | undefined }> {
  const text = await readFile(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new Error(`${file}:${e.linePos?.[0]?.line ?? '?'}: YAML-fejl: ${e.message}`);
  }
  const lineOf = (path: PlanIssue['path']) => {
    // The deepest node that exists on the path: a missing field is reported at its parent.
    let node: unknown = doc.contents;
    let found: Node | undefined = doc.contents ?? undefined;
    for (const key of path) {
      if (isMap(node)) node = node.get(key, true);
      else if (isSeq(node)) node = node.get(Number(key), true);
      else break;
      if (node && typeof node === 'object' && 'range' in node) found = node as Node;
      else break;
    }
    const offset = found?.range?.[0];
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { raw: doc.toJS(), lineOf };
}

export function formatIssues(file: string, issues: PlanIssue[], lineOf: (path: PlanIssue['path']) => number | undefined): string {
  return issues
    .map((i) => {
      const line = lineOf(i.path);
      const where = i.path.length ? i.path.join('.') : '(roden)';
      return `${file}${line ? `:${line}` : ''}: ${where}: ${i.message}`;
    })
    .join('\n');
}
