// 📝 Edit prompt: a modal with the prompt (or an edit's instruction) filled in; the rest is kept.
import { ComponentType, TextInputStyle } from 'discord.js';
import { encodeCustomId } from '../src/core/customId.ts';
import { PROMPT_MAX_LENGTH, parseImagineOptions } from '../src/core/imagineOptions.ts';
import { NestedRefusal } from '../src/core/nestedRefusal.ts';
import type { ButtonHandler, ModalHandler } from '../src/discord/componentHandlers.ts';
import { deferPublicly, requestFacts } from '../src/discord/requestFacts.ts';
import { loadGeneration, rerunOf, reusableSeed } from '../src/discord/resultLookup.ts';
import { tFor } from '../src/i18n/translate.ts';
import { startGeneration } from '../src/jobs/startGeneration.ts';

export const PROMPT_FIELD = 'prompt';

export const editPrompt: ButtonHandler = {
  action: 'reprompt',
  async press(interaction, generationId, ctx) {
    const parent = await loadGeneration(generationId, ctx);
    await interaction.showModal({
      custom_id: encodeCustomId({ action: 'repromptsubmit', generationId: parent.id }),
      title: tFor(interaction, 'modal.editPrompt.title'),
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.TextInput,
              custom_id: PROMPT_FIELD,
              label: tFor(interaction, 'input.editPrompt.prompt.label'),
              style: TextInputStyle.Paragraph,
              value: parent.options.prompt,
              min_length: 1,
              max_length: PROMPT_MAX_LENGTH,
              required: true,
            },
          ],
        },
      ],
    });
  },
};

export const submitPrompt: ModalHandler = {
  action: 'repromptsubmit',
  async submit(interaction, generationId, ctx) {
    const parent = await loadGeneration(generationId, ctx);
    const field = interaction.fields.fields.find((component) => component.customId === PROMPT_FIELD);
    const prompt = field && 'value' in field ? field.value : undefined;
    // Only the prompt is checked here: the rest are the stored options, read with their model's schema.
    const parsed = parseImagineOptions({ prompt });
    if (!parsed.ok) throw new NestedRefusal('error.options.prompt', parsed.error);
    const seed = reusableSeed(parent);
    const options = {
      ...parent.options,
      prompt: parsed.value.prompt,
      ...(seed === undefined ? {} : { seed }),
    };
    const request = await rerunOf(parent, 'reprompt', options, ctx);
    await startGeneration(requestFacts(interaction), request, ctx, deferPublicly(interaction));
  },
};
