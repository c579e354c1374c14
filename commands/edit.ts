import {
  ApplicationCommandOptionType,
  type Attachment,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../src/context.ts';
import { attachmentRefusal, type SourceRef } from '../src/core/editSources.ts';
import { type EditOptions, editEndpointFor } from '../src/core/endpoints/index.ts';
import { parseImagineOptions } from '../src/core/imagineOptions.ts';
import { NestedRefusal } from '../src/core/nestedRefusal.ts';
import { UserError } from '../src/core/userError.ts';
import { attachmentRef } from '../src/discord/attachmentRef.ts';
import { generationOptions, promptOption, rawOptionValues } from '../src/discord/generationOptions.ts';
import { deferPublicly, requestFacts } from '../src/discord/requestFacts.ts';
import { described, named } from '../src/i18n/commandText.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';

const IMAGE_OPTIONS = ['image', 'image2', 'image3', 'image4'] as const;

const imageOption = (name: (typeof IMAGE_OPTIONS)[number], required = false) => ({
  type: ApplicationCommandOptionType.Attachment as const,
  ...named(`option.${name}.name`),
  ...described(`option.edit.${name}.description`),
  required,
});

export const definition = {
  ...named('command.edit.name'),
  ...described('command.edit.description'),
  contexts: [InteractionContextType.Guild],
  options: [
    imageOption('image', true),
    promptOption('edit'),
    ...generationOptions('edit'),
    imageOption('image2'),
    imageOption('image3'),
    imageOption('image4'),
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

function sourcesOf(interaction: ChatInputCommandInteraction, maxBytes: number): SourceRef[] {
  const given = IMAGE_OPTIONS.flatMap((name) => {
    const raw = interaction.options.get(name);
    if (!raw) return [];
    const attachment: Attachment | null | undefined = raw.attachment;
    if (!attachment) throw new UserError({ id: 'error.edit.unreadableFile', params: { name } });
    return [attachment];
  });
  if (given.length === 0) throw new UserError({ id: 'error.edit.noImage' });
  return given.map((attachment) => {
    const ref = attachmentRef(attachment);
    const refusal = attachmentRefusal(ref, maxBytes);
    if (refusal) throw new UserError(refusal);
    return { kind: 'attachment', ...ref };
  });
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  // Checked before anything is acknowledged, so a wrong file is an ephemeral answer to the member only.
  const sources = sourcesOf(interaction, ctx.config.editMaxImageBytes);
  const raw = rawOptionValues(interaction);
  const parsed = parseImagineOptions(raw);
  if (!parsed.ok) throw new NestedRefusal('error.options.edit', parsed.error);
  const { aspectRatio, ...rest } = parsed.value;
  // Without an aspect ratio fal keeps the source's shape, which is what an edit usually wants.
  const options: EditOptions = {
    ...rest,
    ...(raw.aspect_ratio === undefined ? {} : { aspectRatio }),
    imageUrls: [],
  };
  await startGeneration(
    requestFacts(interaction),
    {
      action: 'edit',
      endpoint: editEndpointFor(ctx.config.moderation.editModel, sources.length),
      options,
      parent: null,
      sources,
      source: null,
      chainStep: 1,
    },
    ctx,
    deferPublicly(interaction),
  );
}
