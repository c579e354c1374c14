// Discord's documented limits on message bodies: content, embeds, attachments (see shared/docs/discord.md).
import { checkComponents, FLAG_IS_COMPONENTS_V2 } from './components.ts';
import { checkUrl, type FormErrors, maxLength } from './form.ts';
import { isRecord } from './http.ts';

export const MAX_CONTENT = 2000;
export const MAX_ATTACHMENTS = 10;
export const DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024;

function checkEmbeds(errs: FormErrors, embeds: unknown): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errs.add('embeds', 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (embeds.length > 10) errs.add('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  for (const [i, embed] of (embeds as unknown[]).entries()) {
    const p = `embeds.${i}`;
    if (!isRecord(embed)) {
      errs.add(p, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      continue;
    }
    total += maxLength(errs, `${p}.title`, embed.title, 256);
    total += maxLength(errs, `${p}.description`, embed.description, 4096);
    checkUrl(errs, `${p}.url`, embed.url, ['http', 'https']);
    for (const key of ['image', 'thumbnail'] as const) {
      const media = embed[key];
      if (isRecord(media)) checkUrl(errs, `${p}.${key}.url`, media.url, ['http', 'https', 'attachment']);
    }
    if (isRecord(embed.footer)) total += maxLength(errs, `${p}.footer.text`, embed.footer.text, 2048, true);
    if (isRecord(embed.author)) total += maxLength(errs, `${p}.author.name`, embed.author.name, 256, true);
    if (embed.fields === undefined) continue;
    if (!Array.isArray(embed.fields)) {
      errs.add(`${p}.fields`, 'BASE_TYPE_ARRAY', 'Must be an array.');
      continue;
    }
    if (embed.fields.length > 25)
      errs.add(`${p}.fields`, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    for (const [j, field] of (embed.fields as unknown[]).entries()) {
      const fp = `${p}.fields.${j}`;
      if (!isRecord(field)) {
        errs.add(fp, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used');
        continue;
      }
      total += maxLength(errs, `${fp}.name`, field.name, 256, true);
      total += maxLength(errs, `${fp}.value`, field.value, 1024, true);
    }
  }
  if (total > 6000) errs.add('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

/** Checks every field of a message create/edit body that Discord limits. */
export function checkMessageBody(errs: FormErrors, body: Record<string, unknown>): void {
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  maxLength(errs, 'content', body.content, MAX_CONTENT);
  if (flags & FLAG_IS_COMPONENTS_V2 && typeof body.content === 'string' && body.content !== '') {
    errs.add(
      'content',
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      'Cannot use content with V2 components',
    );
  }
  checkEmbeds(errs, body.embeds);
  checkComponents(errs, body.components, flags);
}

export function checkAttachmentCount(errs: FormErrors, count: number): void {
  if (count > MAX_ATTACHMENTS) {
    errs.add('attachments', 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_ATTACHMENTS} or fewer in length.`);
  }
}
