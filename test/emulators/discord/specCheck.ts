// How the emulator acts on what Discord's spec says about a request (see openapi.ts for the checking).
// Every issue becomes a violation. A body of the wrong shape (type, enum, required field, unknown component)
// is answered 400 50035 before the route runs, as Discord does. Length and count limits are left to the
// routes' own checks, which answer with Discord's own error codes; the spec's line is then only added when
// no route check reported the same field, so one mistake is one violation.
import { ApiError, type ParsedBody } from './http.ts';
import { formatIssue, type SpecIssue, specIssues } from './openapi.ts';
import { matchRoute } from './routes.ts';

const LIMITS = new Set([
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'maximum',
  'minimum',
  'exclusiveMaximum',
  'exclusiveMinimum',
  'maxProperties',
  'minProperties',
]);

const CODES: Record<string, string> = {
  required: 'BASE_TYPE_REQUIRED',
  enum: 'BASE_TYPE_CHOICES',
  const: 'BASE_TYPE_CHOICES',
  type: 'BASE_TYPE_INVALID',
  maxLength: 'BASE_TYPE_MAX_LENGTH',
  minLength: 'BASE_TYPE_MIN_LENGTH',
  maxItems: 'BASE_TYPE_MAX_LENGTH',
  minItems: 'BASE_TYPE_MIN_LENGTH',
};

/** `/data/embeds/0` or `?wait` as the keys of Discord's nested `errors` object. */
function keysOf(issue: SpecIssue): string[] {
  if (issue.pointer.startsWith('?')) return [issue.pointer.slice(1)];
  return issue.pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function buildTree(issues: SpecIssue[]): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const issue of issues) {
    let node = tree;
    for (const key of keysOf(issue)) {
      const next = node[key];
      const child: Record<string, unknown> =
        typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : {};
      node[key] = child;
      node = child;
    }
    const list = Array.isArray(node._errors) ? node._errors : [];
    list.push({ code: CODES[issue.keyword] ?? 'BASE_TYPE_INVALID', message: issue.message });
    node._errors = list;
  }
  return tree;
}

function invalidFormBody(issues: SpecIssue[]): ApiError {
  return new ApiError(400, 50035, 'Invalid Form Body', [], { errors: buildTree(issues) });
}

const pathOf = (issue: SpecIssue) => keysOf(issue).join('.');

/** A route check's line (`embeds.0.title: Must be …`) names the same field as a spec issue. */
function reportedBy(warnings: string[], issue: SpecIssue): boolean {
  const path = pathOf(issue);
  return warnings.some((line) => {
    const field = line.split(': ')[0] ?? '';
    return field !== '' && (path === field || path.endsWith(`.${field}`));
  });
}

export interface SpecVerdict {
  /** The answer to give instead of running the route, when the body's shape is wrong. */
  rejection?: ApiError;
  /** The lines to add as violations, given those the route itself added. */
  unreported(warnings: string[]): string[];
}

const FINE: SpecVerdict = { unreported: () => [] };

export function checkAgainstSpec(
  method: string,
  route: string,
  contentType: string,
  parsed: ParsedBody,
  query: Record<string, string>,
): SpecVerdict {
  const fileFields = parsed.files.map((f) => f.field);
  const found = specIssues(method, route, { contentType, json: parsed.json, fileFields }, query);
  // A route the emulator does not serve is reported as such already.
  const served = matchRoute(route, true).some((m) => m.route.method === method);
  const issues = found.filter((i) => served || i.keyword !== 'operation');
  if (issues.length === 0) return FINE;
  const shape = issues.filter((i) => !LIMITS.has(i.keyword) && i.keyword !== 'operation');
  return {
    rejection: shape.length > 0 ? invalidFormBody(issues) : undefined,
    unreported: (warnings) => issues.filter((i) => !reportedBy(warnings, i)).map(formatIssue),
  };
}
