// Permission bit sets such as `default_member_permissions` are typed integer in the spec, with a maximum past
// 2^53, while Discord's docs say to send them as strings, which is what discord.js does. Discord's answer
// (discord/discord-api-spec#11): the API takes strings in integer fields as long as they parse as integers,
// and the spec keeps `integer` to state the range. So such a field also takes a decimal string in range.
// Only these unsigned fields past 2^53 get this: JSON numbers cannot carry them exactly in JavaScript.

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBitSet(node: Json): boolean {
  const type = node.type;
  const integer = type === 'integer' || (Array.isArray(type) && type.includes('integer'));
  return (
    integer &&
    typeof node.minimum === 'number' &&
    node.minimum >= 0 &&
    typeof node.maximum === 'number' &&
    node.maximum > Number.MAX_SAFE_INTEGER
  );
}

function rewrite(node: Json): void {
  const asNumber: Json = { ...node };
  for (const key of Object.keys(node)) delete node[key];
  // The spec's maximum went through a double; 2^54 is exact, so BigInt(maximum) is the intended bound.
  const asString = {
    type: 'string',
    pattern: '^(0|[1-9][0-9]*)$',
    'x-bigint-maximum': BigInt(asNumber.maximum as number).toString(),
  };
  node.anyOf = [asNumber, asString];
}

function walk(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item);
    return;
  }
  if (!isObject(node)) return;
  for (const value of Object.values(node)) walk(value);
  if (isBitSet(node)) rewrite(node);
}

/** Rewrites, in place, every unsigned integer field past 2^53 to take its documented string form too. */
export function acceptBitSetStrings(spec: Json): void {
  walk(spec);
}
