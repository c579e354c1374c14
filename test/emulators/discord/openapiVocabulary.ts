// What ajv must know beyond JSON Schema 2020-12 to read Discord's spec without ignoring anything silently.
import { type Ajv2020, str } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';

/** The OpenAPI document's own fields: the spec is added whole so `#/components/schemas/…` refs resolve. */
const DOCUMENT_FIELDS = ['openapi', 'info', 'externalDocs', 'servers', 'paths', 'components'];

export function addSpecVocabulary(ajv: Ajv2020): void {
  for (const name of ['date-time', 'uri'] as const) ajv.addFormat(name, fullFormats[name]);
  // Numbers: ajv-formats' int32/int64 are "integer within range"; the spec adds the range itself too.
  ajv.addFormat('int32', fullFormats.int32);
  ajv.addFormat('int64', fullFormats.int64);
  ajv.addFormat('double', fullFormats.double);
  // A snowflake is a decimal string of an unsigned 64-bit id, without leading zeros.
  ajv.addFormat('snowflake', {
    type: 'string',
    validate: (s: string) => /^(0|[1-9][0-9]*)$/.test(s) && BigInt(s) < 2n ** 64n,
  });
  // A nonce is any string (its maxLength of 25 is in the schema) or an integer.
  ajv.addFormat('nonce', { type: 'string', validate: () => true });
  // "This anyOf is really a oneOf", for code generators: no validation meaning.
  ajv.addKeyword({ keyword: 'x-discord-union', schemaType: 'string' });
  // Added by openapiBitSets.ts: the upper bound of an integer written as a decimal string.
  ajv.addKeyword({
    keyword: 'x-bigint-maximum',
    type: 'string',
    schemaType: 'string',
    error: { message: ({ schema }) => str`must be at most ${String(schema)}` },
    validate: (maximum: string, data: string) => /^[0-9]+$/.test(data) && BigInt(data) <= BigInt(maximum),
  });
  for (const keyword of DOCUMENT_FIELDS) ajv.addKeyword({ keyword });
}
