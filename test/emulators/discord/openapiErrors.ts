// Turns ajv's error list into the few lines a person needs: the most specific error at each place.
import type { ErrorObject } from 'ajv/dist/2020.js';

export interface SpecIssue {
  /** JSON pointer into the body (or `?name` for a query parameter); '' is the whole body. */
  pointer: string;
  keyword: string;
  message: string;
}

/** Errors that only say "a branch below failed"; the branch's own errors say what. */
const SUMMARY = new Set(['anyOf', 'oneOf', 'if', 'allOf', 'not']);

function isNullBranch(error: ErrorObject): boolean {
  return error.keyword === 'type' && error.params.type === 'null';
}

function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

function describe(error: ErrorObject): string {
  const message = error.message ?? error.keyword;
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) {
    const allowed = error.params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ');
    return `${message} (${allowed.length > 60 ? `${allowed.slice(0, 57)}...` : allowed})`;
  }
  if (error.keyword === 'const') return `${message} (${JSON.stringify(error.params.allowedValue)})`;
  return message;
}

export function toIssues(errors: readonly ErrorObject[], prefix = ''): SpecIssue[] {
  const specific = errors.filter((e) => !SUMMARY.has(e.keyword) && !isNullBranch(e));
  const kept = errors.filter((e) => {
    // "must be null" next to a nullable union only matters when the value failed nothing else.
    if (SUMMARY.has(e.keyword) || isNullBranch(e)) {
      return !specific.some((s) => s !== e && within(s.instancePath, e.instancePath));
    }
    return true;
  });
  const seen = new Set<string>();
  const issues: SpecIssue[] = [];
  for (const e of kept) {
    const issue = { pointer: prefix + e.instancePath, keyword: e.keyword, message: describe(e) };
    const key = `${issue.pointer} ${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

export function formatIssue(issue: SpecIssue): string {
  return `spec ${issue.pointer || '/'}: ${issue.message}`;
}
