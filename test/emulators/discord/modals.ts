// Modals: limits on the modal a bot shows (callback type 9) and the shape of the submit Discord sends back.
import { countChars, type FormErrors } from './form.ts';
import { isRecord } from './http.ts';

const STRING_SELECT = 3;
const TEXT_INPUT = 4;
const TEXT_DISPLAY = 10;
const LABEL = 18;
const FILE_UPLOAD = 19;
/** What a Label may hold besides these (user/role/mentionable/channel selects, radio, checkboxes). */
const OTHER_LABEL_CHILDREN = new Set([5, 6, 7, 8, 21, 22, 23]);
/** The inputs whose answers the emulator can fill in. */
const SUBMITTED = new Set([STRING_SELECT, TEXT_INPUT, FILE_UPLOAD]);

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

function range(errs: FormErrors, path: string, value: unknown, min: number, max: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    errs.add(path, 'NUMBER_TYPE_MAX', `Must be between ${min} and ${max}.`);
}

function checkStringSelect(errs: FormErrors, p: string, select: Record<string, unknown>): void {
  length(errs, `${p}.custom_id`, select.custom_id, 1, 100);
  length(errs, `${p}.placeholder`, select.placeholder, 0, 150);
  range(errs, `${p}.min_values`, select.min_values, 0, 25);
  range(errs, `${p}.max_values`, select.max_values, 1, 25);
  const options = Array.isArray(select.options) ? (select.options as unknown[]) : [];
  if (options.length < 1 || options.length > 25)
    errs.add(`${p}.options`, 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
  const values = new Set<unknown>();
  for (const [j, option] of options.entries()) {
    const o = isRecord(option) ? option : {};
    length(errs, `${p}.options.${j}.label`, o.label, 1, 100);
    length(errs, `${p}.options.${j}.value`, o.value, 1, 100);
    length(errs, `${p}.options.${j}.description`, o.description, 0, 100);
    if (values.has(o.value))
      errs.add(`${p}.options.${j}.value`, 'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED', 'Duplicate value');
    values.add(o.value);
  }
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  if (max > options.length)
    errs.add(`${p}.max_values`, 'BASE_TYPE_MAX', 'Must not exceed the number of options.');
}

function checkLabelChild(errs: FormErrors, p: string, input: Record<string, unknown>): void {
  if (input.type === TEXT_INPUT) checkTextInput(errs, p, input, true);
  else if (input.type === STRING_SELECT) checkStringSelect(errs, p, input);
  else if (input.type === FILE_UPLOAD) {
    length(errs, `${p}.custom_id`, input.custom_id, 1, 100);
    range(errs, `${p}.min_values`, input.min_values, 0, 10);
    range(errs, `${p}.max_values`, input.max_values, 1, 10);
  } else if (!OTHER_LABEL_CHILDREN.has(Number(input.type))) {
    errs.add(`${p}.type`, 'COMPONENT_TYPE_INVALID', 'A label holds a text input, select or file upload');
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
      // Action rows in modals are the legacy form and only ever held a text input.
      if (isRecord(input) && input.type !== TEXT_INPUT)
        errs.add(
          `${p}.components.0.type`,
          'COMPONENT_TYPE_INVALID',
          'Action rows in modals take text inputs',
        );
      else if (isRecord(input)) checkTextInput(errs, `${p}.components.0`, input, false);
    } else if (c.type === LABEL) {
      length(errs, `${p}.label`, c.label, 1, 45);
      length(errs, `${p}.description`, c.description, 0, 100);
      input = c.component;
      if (isRecord(input)) checkLabelChild(errs, `${p}.component`, input);
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
 * What a member filled in: text for a text input, the chosen values of a string select, or the ids of
 * ephemeral attachments for a file upload.
 */
export type ModalFieldValue = string | readonly string[];

function submitted(child: Record<string, unknown>, value: ModalFieldValue | undefined, id: number) {
  const base = {
    type: child.type,
    id: typeof child.id === 'number' ? child.id : id,
    custom_id: child.custom_id,
  };
  if (child.type === TEXT_INPUT) {
    if (typeof value !== 'string' && value !== undefined)
      throw new Error(`text input ${child.custom_id} takes a string`);
    return { ...base, value: value ?? '' };
  }
  if (typeof value === 'string') throw new Error(`${child.custom_id} takes a list of values`);
  return { ...base, values: [...(value ?? [])] };
}

/**
 * The `data.components` of a modal submit, and the file-upload attachment ids it names. Mirrors the layout
 * of the modal the bot last showed with that custom_id (legacy action rows or type-18 labels holding a text
 * input, string select or file upload); without one, uses action rows of text inputs.
 */
export function modalSubmitComponents(
  modal: unknown,
  fields: Record<string, ModalFieldValue>,
): { components: unknown[]; uploads: string[] } {
  let nextId = 1;
  const shown = isRecord(modal) && Array.isArray(modal.components) ? modal.components : undefined;
  if (!shown) {
    const components = Object.entries(fields).map(([key, value]) => ({
      type: 1,
      id: nextId++,
      components: [submitted({ type: TEXT_INPUT, custom_id: key }, value, nextId++)],
    }));
    return { components, uploads: [] };
  }
  const used = new Set<string>();
  const uploads: string[] = [];
  const out: unknown[] = [];
  for (const c of shown) {
    if (!isRecord(c)) continue;
    const id = typeof c.id === 'number' ? c.id : nextId++;
    const child = c.type === 1 && Array.isArray(c.components) ? c.components[0] : c.component;
    if (c.type === TEXT_DISPLAY) out.push({ type: TEXT_DISPLAY, id });
    if (!isRecord(child) || !SUBMITTED.has(Number(child.type)) || typeof child.custom_id !== 'string')
      continue;
    used.add(child.custom_id);
    const value = fields[child.custom_id];
    if (child.type === FILE_UPLOAD && Array.isArray(value)) uploads.push(...value);
    const answer = submitted(child, value, nextId++);
    out.push(c.type === 1 ? { type: 1, id, components: [answer] } : { type: LABEL, id, component: answer });
  }
  const unknown = Object.keys(fields).filter((key) => !used.has(key));
  if (unknown.length > 0)
    throw new Error(`the modal shown has no text input, select or file upload ${unknown.join(', ')}`);
  return { components: out, uploads };
}
