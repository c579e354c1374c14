// Invalid Form Body (50035) answers and the per-field checks that produce them.
import { ApiError } from './http.ts';

/** Nested `errors` object of an Invalid Form Body answer, built from dotted paths. */
export class FormErrors {
  readonly tree: Record<string, unknown> = {};
  readonly lines: string[] = [];

  add(path: string, code: string, message: string): void {
    let node = this.tree;
    for (const key of path.split('.')) {
      const next = node[key];
      if (typeof next === 'object' && next !== null) {
        node = next as Record<string, unknown>;
      } else {
        const created: Record<string, unknown> = {};
        node[key] = created;
        node = created;
      }
    }
    const list = Array.isArray(node._errors) ? node._errors : [];
    list.push({ code, message });
    node._errors = list;
    this.lines.push(`${path}: ${message}`);
  }

  get empty(): boolean {
    return this.lines.length === 0;
  }

  toError(): ApiError {
    return new ApiError(400, 50035, 'Invalid Form Body', this.lines, { errors: this.tree });
  }

  throwIfAny(): void {
    if (!this.empty) throw this.toError();
  }
}

/** Discord counts characters, not UTF-16 units. */
export function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function maxLength(
  errs: FormErrors,
  path: string,
  value: unknown,
  max: number,
  required = false,
): number {
  if (value === undefined || value === null) {
    if (required) errs.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return 0;
  }
  if (typeof value !== 'string') {
    errs.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
    return 0;
  }
  const n = countChars(value);
  if (required && n === 0) errs.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${max} in length.`);
  if (n > max) errs.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  return n;
}

export function checkUrl(errs: FormErrors, path: string, value: unknown, schemes: string[]): void {
  if (value === undefined || value === null) return;
  const scheme =
    typeof value === 'string' ? /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase() : undefined;
  if (scheme === undefined || !schemes.includes(scheme)) {
    errs.add(path, 'URL_TYPE_INVALID_SCHEME', `Scheme must be one of (${schemes.join(', ')}).`);
  }
}
