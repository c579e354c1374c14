// Checks a request against Discord's own OpenAPI 3.1 description of the API (openapi/README.md says which
// version). The spec is loaded once per process and each operation compiled the first time it is used:
// compiling every request body of the spec would take about a second.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { acceptBitSetStrings } from './openapiBitSets.ts';
import { formatIssue, type SpecIssue, toIssues } from './openapiErrors.ts';
import { findOperation, type Operation, pointer, SPEC_ID } from './openapiOperations.ts';
import { discriminateUnions } from './openapiUnions.ts';
import { addSpecVocabulary } from './openapiVocabulary.ts';

export { formatIssue, type SpecIssue } from './openapiErrors.ts';

interface Loaded {
  ajv: Ajv2020;
  spec: Record<string, unknown>;
  compiled: Map<string, ValidateFunction>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const text = readFileSync(new URL('./openapi/openapi.json', import.meta.url), 'utf8');
  const spec = JSON.parse(text) as Record<string, unknown>;
  discriminateUnions(spec);
  acceptBitSetStrings(spec);
  // Compiling is most of the cost (each test file's process pays it): the spec is not checked against the
  // meta-schema (strict mode still refuses unknown keywords), refs become shared functions, and ajv's
  // code optimiser is skipped. That halves the time to about 0.3 s for the operations the bot uses.
  const ajv = new Ajv2020({
    allErrors: true,
    // The spec pairs type lists such as ['string', 'null'] with string keywords, which is valid 2020-12.
    strictTypes: false,
    strictTuples: false,
    validateSchema: false,
    inlineRefs: false,
    code: { optimize: false },
  });
  addSpecVocabulary(ajv);
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  loaded = { ajv, spec, compiled: new Map() };
  return loaded;
}

function compiled(key: string, schema: () => object): ValidateFunction {
  const { ajv, compiled: cache } = load();
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(schema());
    cache.set(key, validate);
  }
  return validate;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Query strings carry text; the spec types them, as Discord's parser does. */
function typedQuery(op: Operation, query: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(query)) {
    const type = op.query.get(name)?.type;
    if (type === 'boolean' && (text === 'true' || text === 'false')) out[name] = text === 'true';
    else if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(text))
      out[name] = Number(text);
    else out[name] = text;
  }
  return out;
}

function checkQuery(op: Operation, query: Record<string, string>): SpecIssue[] {
  if (op.query.size === 0) return [];
  const validate = compiled(`${op.key} ?`, () => ({
    type: 'object',
    properties: Object.fromEntries([...op.query].map(([name, p]) => [name, { $ref: p.ref }])),
    required: [...op.query].filter(([, p]) => p.required).map(([name]) => name),
  }));
  if (validate(typedQuery(op, query))) return [];
  return toIssues(validate.errors ?? []).map((i) => ({ ...i, pointer: `?${i.pointer.slice(1)}` }));
}

export interface RequestBody {
  contentType: string;
  json: unknown;
  /** Form field names of the uploaded files (`files[0]`, …). */
  fileFields: string[];
}

function checkBody(op: Operation, body: RequestBody): SpecIssue[] {
  const type = body.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const present = body.json !== undefined || body.fileFields.length > 0;
  if (!present) {
    return op.bodyRequired ? [{ pointer: '', keyword: 'required', message: 'request body is required' }] : [];
  }
  if (op.bodyTypes.length === 0) return [];
  if (!op.bodyTypes.includes(type)) {
    const message = `content type ${type || '(none)'} is not one of ${op.bodyTypes.join(', ')}`;
    return [{ pointer: '', keyword: 'contentType', message }];
  }
  const validate = compiled(`${op.key} ${type}`, () => ({
    $ref: `${SPEC_ID}#${pointer(['paths', op.path, op.method, 'requestBody', 'content', type, 'schema'])}`,
  }));
  // A multipart body is payload_json's fields plus one field per file; the spec describes that whole form.
  let instance = body.json;
  if (type === 'multipart/form-data') {
    const files = Object.fromEntries(body.fileFields.map((field) => [field, '']));
    instance = isRecord(body.json) ? { ...files, ...body.json } : body.json === undefined ? files : body.json;
  }
  return validate(instance) ? [] : toIssues(validate.errors ?? []);
}

/** What in this request the spec does not allow; empty when it is fine or the spec has no such operation. */
export function specIssues(
  method: string,
  apiPath: string,
  body: RequestBody,
  query: Record<string, string>,
): SpecIssue[] {
  const { spec } = load();
  const op = findOperation(spec, method, apiPath);
  if (!op) {
    return [{ pointer: '', keyword: 'operation', message: `${method} ${apiPath} is not in Discord's spec` }];
  }
  return [...checkQuery(op, query), ...checkBody(op, body)];
}

/** The same, as short lines such as `spec /embeds/0/title: must be string,null`. */
export function validateRequest(
  method: string,
  apiPath: string,
  contentType: string,
  json: unknown,
  query: Record<string, string> = {},
  fileFields: string[] = [],
): string[] {
  return specIssues(method, apiPath, { contentType, json, fileFields }, query).map(formatIssue);
}
