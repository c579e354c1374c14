// Which operation of the spec a request is: our routes ('/webhooks/1/abc/messages/@original') against the
// spec's templated paths ('/webhooks/{webhook_id}/{webhook_token}/messages/@original'), literal segments first.

export const SPEC_ID = 'https://discord.com/api/v10/openapi.json';

export interface QueryParameter {
  /** `$ref` to the parameter's schema. */
  ref: string;
  required: boolean;
  /** The JSON type the text stands for. */
  type: string | undefined;
}

export interface Operation {
  key: string;
  path: string;
  method: string;
  bodyTypes: string[];
  bodyRequired: boolean;
  query: Map<string, QueryParameter>;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A URI fragment holding a JSON pointer: '~' and '/' escaped per RFC 6901, then percent-encoded. */
export function pointer(tokens: string[]): string {
  return tokens.map((t) => `/${encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('');
}

function schemaType(spec: Json, schema: unknown): string | undefined {
  let node = schema;
  const ref = isObject(node) ? node.$ref : undefined;
  if (typeof ref === 'string') {
    node = ref
      .split('/')
      .slice(1)
      .reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), spec);
  }
  const type = isObject(node) ? node.type : undefined;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === 'string' && t !== 'null');
  return typeof type === 'string' ? type : undefined;
}

function queryParameters(spec: Json, path: string, method: string): Map<string, QueryParameter> {
  const item = (spec.paths as Json)[path] as Json;
  const out = new Map<string, QueryParameter>();
  const lists: [string[], unknown][] = [
    [['paths', path, 'parameters'], item.parameters],
    [['paths', path, method, 'parameters'], (item[method] as Json).parameters],
  ];
  for (const [at, list] of lists) {
    if (!Array.isArray(list)) continue;
    for (const [i, p] of list.entries()) {
      if (!isObject(p) || p.in !== 'query' || typeof p.name !== 'string') continue;
      out.set(p.name, {
        ref: `${SPEC_ID}#${pointer([...at, String(i), 'schema'])}`,
        required: p.required === true,
        type: schemaType(spec, p.schema),
      });
    }
  }
  return out;
}

function operation(spec: Json, path: string, method: string): Operation {
  const op = ((spec.paths as Json)[path] as Json)[method] as Json;
  const body = isObject(op.requestBody) ? op.requestBody : undefined;
  return {
    key: `${method} ${path}`,
    path,
    method,
    bodyTypes: isObject(body?.content) ? Object.keys(body.content) : [],
    bodyRequired: body?.required === true,
    query: queryParameters(spec, path, method),
  };
}

const tables = new WeakMap<Json, { path: string; segments: string[] }[]>();
const found = new Map<string, Operation | undefined>();

function pathTable(spec: Json): { path: string; segments: string[] }[] {
  let table = tables.get(spec);
  if (!table) {
    const paths = isObject(spec.paths) ? Object.keys(spec.paths) : [];
    table = paths.map((path) => ({ path, segments: path.split('/').filter(Boolean) }));
    tables.set(spec, table);
  }
  return table;
}

const isTemplate = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

export function findOperation(spec: Json, httpMethod: string, apiPath: string): Operation | undefined {
  const method = httpMethod.toLowerCase();
  const parts = apiPath.split('/').filter(Boolean);
  let best: { path: string; literals: number } | undefined;
  for (const { path, segments } of pathTable(spec)) {
    if (segments.length !== parts.length) continue;
    if (!segments.every((s, i) => isTemplate(s) || s === parts[i])) continue;
    if (!isObject(((spec.paths as Json)[path] as Json)[method])) continue;
    const literals = segments.filter((s) => !isTemplate(s)).length;
    if (!best || literals > best.literals) best = { path, literals };
  }
  if (!best) return undefined;
  const key = `${method} ${best.path}`;
  if (!found.has(key)) found.set(key, operation(spec, best.path, method));
  return found.get(key);
}
