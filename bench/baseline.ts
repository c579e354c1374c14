// The smallest pipeline that does the bot's job, run by the bench as a separate process to compare the
// bot against: defer → fal submit → follow fal's status stream (as the bot does) → fetch the images →
// one edit with the files. Plain discord.js and @fal-ai/client; no database, no queue, no progress edits,
// no logging. Configured by the same env variables as the bot, plus:
//   BASELINE_REST=default  discord.js' default REST (its 50/s global counter also holds back webhook edits)
//   BASELINE_REST=lever    globalRequestsPerSecond: Infinity, as the bot's client for interaction routes
// Every request this process sends is an interaction route (callback, edit original) except the one-off
// command registration, so lifting the counter for the whole client is the same lever the bot pulls.
import { createFalClient } from '@fal-ai/client';
import { ApplicationCommandOptionType, Client, Events, GatewayIntentBits } from 'discord.js';

const ENDPOINT = 'fal-ai/flux-pro/kontext/text-to-image';
const OFFICIAL_QUEUE_BASE = 'https://queue.fal.run';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`baseline: ${name} is required`);
  return value;
};
const queueUrl = env('FAL_QUEUE_URL');
const lever = process.env.BASELINE_REST === 'lever';

const fal = createFalClient({
  credentials: env('FAL_KEY'),
  requestMiddleware: async (request) => ({
    ...request,
    url: request.url.startsWith(OFFICIAL_QUEUE_BASE)
      ? queueUrl + request.url.slice(OFFICIAL_QUEUE_BASE.length)
      : request.url,
  }),
});
const client = new Client({
  intents: [GatewayIntentBits.Guilds],
  rest: { api: env('DISCORD_API_URL'), ...(lever ? { globalRequestsPerSecond: Infinity } : {}) },
});

client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand()) return;
  try {
    await interaction.deferReply();
    const format: 'png' | 'jpeg' = interaction.options.getString('format') === 'png' ? 'png' : 'jpeg';
    const input = {
      prompt: interaction.options.getString('prompt', true),
      num_images: interaction.options.getInteger('count') ?? 1,
      output_format: format,
    };
    const { request_id: requestId } = await fal.queue.submit(ENDPOINT, { input });
    const stream = await fal.queue.streamStatus(ENDPOINT, { requestId, logs: false });
    // Events, as the bot waits: the stream's async iterator would add up to 16 ms of polling.
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (status: { status?: string }) => {
        if (status.status === 'COMPLETED') resolve();
      });
      stream.done().then(() => resolve(), reject);
    });
    const { data } = await fal.queue.result(ENDPOINT, { requestId });
    const images = (data as { images: { url: string }[] }).images;
    const files = await Promise.all(
      images.map(async (image, index) => {
        const response = await fetch(image.url);
        return {
          attachment: Buffer.from(await response.arrayBuffer()),
          name: `image-${index + 1}.${format}`,
        };
      }),
    );
    await interaction.editReply({ files });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    process.stderr.write(`baseline: ${error instanceof Error ? error.message : String(error)}${cause}\n`);
    // Tells the bench at once that this one is lost, as the bot's failure follow-up does.
    await interaction.followUp({ content: 'failed' }).catch(() => {});
  }
});

client.once(Events.ClientReady, async (ready) => {
  await ready.application.commands.set([
    {
      name: 'imagine',
      description: 'baseline',
      options: [
        { type: ApplicationCommandOptionType.String, name: 'prompt', description: 'prompt', required: true },
        { type: ApplicationCommandOptionType.Integer, name: 'count', description: 'count' },
        { type: ApplicationCommandOptionType.String, name: 'format', description: 'format' },
      ],
    },
  ]);
});

process.once('SIGTERM', () => {
  void client.destroy().then(() => process.exit(0));
});
await client.login(env('DISCORD_TOKEN'));
