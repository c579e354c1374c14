// Message components: action rows of buttons and selects, or Components V2 layouts, and their limits.
import { checkUrl, type FormErrors, maxLength } from './form.ts';
import { isRecord } from './http.ts';

export const FLAG_IS_COMPONENTS_V2 = 1 << 15;
const BUTTON_LINK = 5;
const BUTTON_PREMIUM = 6;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);

function checkCustomId(errs: FormErrors, path: string, c: Record<string, unknown>, ids: Set<string>): void {
  maxLength(errs, `${path}.custom_id`, c.custom_id, 100, true);
  if (typeof c.custom_id !== 'string') return;
  if (ids.has(c.custom_id)) {
    errs.add(
      `${path}.custom_id`,
      'COMPONENT_CUSTOM_ID_DUPLICATED',
      'Component custom id cannot be duplicated',
    );
  }
  ids.add(c.custom_id);
}

function checkInteractive(
  errs: FormErrors,
  path: string,
  c: Record<string, unknown>,
  ids: Set<string>,
): void {
  if (c.type === 2) {
    maxLength(errs, `${path}.label`, c.label, 80);
    if (c.style === BUTTON_LINK) {
      checkUrl(errs, `${path}.url`, c.url, ['http', 'https', 'discord']);
      if (c.custom_id !== undefined) {
        errs.add(
          `${path}.custom_id`,
          'BUTTON_COMPONENT_LINK_HAS_CUSTOM_ID',
          'A link button cannot have a custom id',
        );
      }
    } else if (c.style === BUTTON_PREMIUM) {
      if (c.sku_id === undefined) errs.add(`${path}.sku_id`, 'BASE_TYPE_REQUIRED', 'This field is required');
    } else {
      checkCustomId(errs, path, c, ids);
      if (c.url !== undefined)
        errs.add(`${path}.url`, 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'Only link buttons have a url');
    }
    if (c.label === undefined && c.emoji === undefined && c.style !== BUTTON_PREMIUM) {
      errs.add(
        `${path}.label`,
        'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED',
        'A button needs a label or an emoji',
      );
    }
  } else if (SELECT_TYPES.has(c.type as number)) {
    checkCustomId(errs, path, c, ids);
    maxLength(errs, `${path}.placeholder`, c.placeholder, 150);
    if (c.type === 3 && (!Array.isArray(c.options) || c.options.length < 1 || c.options.length > 25)) {
      errs.add(`${path}.options`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
    }
  } else if (typeof c.custom_id === 'string') {
    checkCustomId(errs, path, c, ids);
  }
}

/** Components V2 layouts nest; every node counts towards the 40-component cap. */
function walkV2(
  errs: FormErrors,
  path: string,
  nodes: unknown[],
  ids: Set<string>,
  count: { n: number },
): void {
  for (const [i, node] of nodes.entries()) {
    const p = `${path}.${i}`;
    if (!isRecord(node)) {
      errs.add(p, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used');
      continue;
    }
    count.n++;
    checkInteractive(errs, p, node, ids);
    if (Array.isArray(node.components)) walkV2(errs, `${p}.components`, node.components, ids, count);
    if (isRecord(node.accessory)) walkV2(errs, `${p}.accessory`, [node.accessory], ids, count);
  }
}

export function checkComponents(errs: FormErrors, components: unknown, flags: number): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errs.add('components', 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  const ids = new Set<string>();
  if (flags & FLAG_IS_COMPONENTS_V2) {
    const count = { n: 0 };
    walkV2(errs, 'components', components, ids, count);
    if (count.n > 40) errs.add('components', 'BASE_TYPE_MAX_LENGTH', 'Must be 40 or fewer in total.');
    return;
  }
  if (components.length > 5) errs.add('components', 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  for (const [i, row] of (components as unknown[]).entries()) {
    const p = `components.${i}`;
    if (!isRecord(row) || row.type !== 1) {
      errs.add(`${p}.type`, 'COMPONENT_TYPE_INVALID', 'Top-level components must be action rows');
      continue;
    }
    const children = Array.isArray(row.components) ? row.components : [];
    if (children.length < 1 || children.length > 5) {
      errs.add(`${p}.components`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    }
    const hasSelect = children.some((c: unknown) => isRecord(c) && SELECT_TYPES.has(c.type as number));
    if (hasSelect && children.length > 1) {
      errs.add(
        `${p}.components`,
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'The specified component exceeds the maximum width',
      );
    }
    for (const [j, c] of (children as unknown[]).entries()) {
      if (isRecord(c)) checkInteractive(errs, `${p}.components.${j}`, c, ids);
      else errs.add(`${p}.components.${j}`, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used');
    }
  }
}
