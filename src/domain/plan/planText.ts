import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { PlanIssue } from './parsePlan';

export type PlanText =
  | { ok: true; raw: unknown; lineOf: (path: PlanIssue['path']) => number | undefined }
  /** `code` is the yaml library's (MISSING_CHAR, BAD_INDENT, …); `message` its English text. */
  | { ok: false; line: number | undefined; code: string; message: string };

/** Reads a plan's YAML (or JSON, which is YAML) text, keeping a way to map a field's path to its line. */
export function parsePlanText(text: string): PlanText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    return { ok: false, line: e.linePos?.[0]?.line, code: e.code, message: e.message };
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
  return { ok: true, raw: doc.toJS(), lineOf };
}

/** One line per issue: `file:line: field.path: message`, as the import command and the chat show them. */
export function formatIssues(file: string, issues: PlanIssue[], lineOf: (path: PlanIssue['path']) => number | undefined): string {
  return issues
    .map((i) => {
      const line = lineOf(i.path);
      const where = i.path.length ? i.path.join('.') : '(roden)';
      return `${file}${line ? `:${line}` : ''}: ${where}: ${i.message}`;
    })
    .join('\n');
}
