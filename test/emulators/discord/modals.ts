// Modals: limits on the modal a bot shows (callback type 9) and the shape of the submit Discord sends back.
import { countChars, type FormErrors } from './form.ts';
import { isRecord } from './http.ts';

const TEXT_INPUT = 4;
const LABEL = 18;
const TEXT_DISPLAY = 10;

function length(errs: FormErrors, path: string, value: unknown, min: number, max: number): void {
  if (value === undefined || value === null) {
    if (min > 0) errs.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  const n = typeof value === 'string' ? countChars(value) : -1;
  if (n < min || n > max)
    errs.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}

function checkTextInput(errs: FormErrors, p: string, input: Record<string, unknown>, inLabel: boolean): void {
  length(errs, `${p}.custom_id`, input.custom_id, 1, 100);
  if (inLabel && input.label !== undefined) {
    errs.add(`${p}.label`, 'TEXT_INPUT_LABEL_NOT_ALLOWED', 'A text input inside a label cannot have a label');
  }
  if (!inLabel) length(errs, `${p}.label`, input.label, 1, 45);
  if (input.style !== 1 && input.style !== 2)
    errs.add(`${p}.style`, 'BASE_TYPE_CHOICES', 'Value must be 1 or 2.');
  length(errs, `${p}.placeholder`, input.placeholder, 0, 100);
  length(errs, `${p}.value`, input.value, 0, 4000);
  for (const key of ['min_length', 'max_length'] as const) {
    const v = input[key];
    if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 4000)) {
      errs.add(`${p}.${key}`, 'NUMBER_TYPE_MAX', 'Must be between 0 and 4000.');
    }
  }
}

export function checkModal(errs: FormErrors, data: unknown): void {
  if (!isRecord(data)) {
    errs.add('data', 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  length(errs, 'data.title', data.title, 1, 45);
  length(errs, 'data.custom_id', data.custom_id, 1, 100);
  const components = Array.isArray(data.components) ? data.components : [];
  if (components.length < 1 || components.length > 5) {
    errs.add('data.components', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  }
  const ids = new Set<string>();
  for (const [i, c] of (components as unknown[]).entries()) {
    const p = `data.components.${i}`;
    if (!isRecord(c)) {
      errs.add(p, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used');
      continue;
    }
    let input: unknown;
    if (c.type === 1) {
      const row = Array.isArray(c.components) ? c.components : [];
      if (row.length !== 1) errs.add(`${p}.components`, 'BASE_TYPE_BAD_LENGTH', 'Must be 1 in length.');
      input = row[0];
      if (isRecord(input)) checkTextInput(errs, `${p}.components.0`, input, false);
    } else if (c.type === LABEL) {
      length(errs, `${p}.label`, c.label, 1, 45);
      length(errs, `${p}.description`, c.description, 0, 100);
      input = c.component;
      if (isRecord(input) && input.type === TEXT_INPUT) checkTextInput(errs, `${p}.component`, input, true);
    } else if (c.type !== TEXT_DISPLAY) {
      errs.add(`${p}.type`, 'COMPONENT_TYPE_INVALID', 'Modals take action rows, labels and text displays');
    }
    if (isRecord(input) && typeof input.custom_id === 'string') {
      if (ids.has(input.custom_id)) {
        errs.add(p, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
      }
      ids.add(input.custom_id);
    }
  }
}

/**
 * The `data.components` of a modal submit. Mirrors the layout of the modal the bot last showed with that
 * custom_id (legacy action rows or type-18 labels); without one, uses action rows.
 */
export function modalSubmitComponents(modal: unknown, fields: Record<string, string>): unknown[] {
  let nextId = 1;
  const input = (customId: string, id?: unknown) => ({
    type: TEXT_INPUT,
    id: typeof id === 'number' ? id : nextId++,
    custom_id: customId,
    value: fields[customId] ?? '',
  });
  const shown = isRecord(modal) && Array.isArray(modal.components) ? modal.components : undefined;
  if (!shown) {
    return Object.keys(fields).map((key) => ({ type: 1, id: nextId++, components: [input(key)] }));
  }
  const used = new Set<string>();
  const out: unknown[] = [];
  for (const c of shown) {
    if (!isRecord(c)) continue;
    const id = typeof c.id === 'number' ? c.id : nextId++;
    const child = c.type === 1 && Array.isArray(c.components) ? c.components[0] : c.component;
    if (c.type === TEXT_DISPLAY) out.push({ type: TEXT_DISPLAY, id });
    if (!isRecord(child) || child.type !== TEXT_INPUT || typeof child.custom_id !== 'string') continue;
    used.add(child.custom_id);
    const submitted = input(child.custom_id, child.id);
    out.push(
      c.type === 1 ? { type: 1, id, components: [submitted] } : { type: LABEL, id, component: submitted },
    );
  }
  const unknown = Object.keys(fields).filter((key) => !used.has(key));
  if (unknown.length > 0) throw new Error(`the modal shown has no text input(s) ${unknown.join(', ')}`);
  return out;
}
