// Discord's unions (callback types, component types, option types) are plain anyOf/oneOf lists that Discord
// itself tells apart by `type`. Validated as written, a wrong field in one branch comes back as a wall of
// "must be equal to one of the allowed values" from every other branch. This rewrites each such union into
// an equivalent switch on `type`, so ajv only reports the errors of the branch the body chose.

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const LOCAL_REF = '#/components/schemas/';

/** Follows local `$ref`s to the schema they name. */
function resolve(schemas: Json, schema: unknown): Json | undefined {
  let node = schema;
  for (let hops = 0; hops < 10 && isObject(node); hops++) {
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    if (!ref.startsWith(LOCAL_REF)) return undefined;
    node = schemas[ref.slice(LOCAL_REF.length)];
  }
  return undefined;
}

/** The `type` values a branch accepts, or undefined if the branch is not told apart by `type`. */
function typeValues(schemas: Json, branch: unknown): unknown[] | undefined {
  const schema = resolve(schemas, branch);
  const properties = schema?.properties;
  const type = isObject(properties) ? resolve(schemas, properties.type) : undefined;
  if (!type) return undefined;
  if (Array.isArray(type.enum) && type.enum.length > 0) return type.enum;
  if ('const' in type) return [type.const];
  return undefined;
}

function discriminate(schemas: Json, node: Json, keyword: 'anyOf' | 'oneOf'): void {
  const branches = node[keyword];
  if (!Array.isArray(branches) || branches.length < 2) return;
  const values = branches.map((branch) => typeValues(schemas, branch));
  if (values.some((v) => v === undefined)) return;
  const byValue = new Map<unknown, unknown[]>();
  for (const [i, accepted] of values.entries()) {
    for (const value of accepted ?? []) byValue.set(value, [...(byValue.get(value) ?? []), branches[i]]);
  }
  // Same verdict as the union: with `type` present only the branches accepting its value can pass, and a
  // value no branch accepts fails every branch; anything else falls back to the union as written.
  const switchOnType = {
    if: { type: 'object', required: ['type'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, never awaited
    then: {
      properties: { type: { enum: [...byValue.keys()] } },
      allOf: [...byValue].map(([value, group]) => ({
        if: { properties: { type: { const: value } } },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, never awaited
        then: group.length === 1 ? group[0] : { [keyword]: group },
      })),
    },
    else: { [keyword]: branches },
  };
  delete node[keyword];
  node.allOf = [...(Array.isArray(node.allOf) ? node.allOf : []), switchOnType];
}

function walk(schemas: Json, node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(schemas, item);
    return;
  }
  if (!isObject(node)) return;
  for (const value of Object.values(node)) walk(schemas, value);
  discriminate(schemas, node, 'anyOf');
  discriminate(schemas, node, 'oneOf');
}

/** Rewrites, in place, every union in the spec whose branches are told apart by `type`. */
export function discriminateUnions(spec: Json): void {
  const components = spec.components;
  const schemas = isObject(components) && isObject(components.schemas) ? components.schemas : {};
  walk(schemas, spec);
}
