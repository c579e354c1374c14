// Tries the bot as a member would, against a bot started separately with `npm start`:
//   node test/emulators/session.ts --discord-port 8787 --fal-port 8788 [--out ./session-images]
// It starts both emulators, prints the .env lines to give the bot, waits for the bot to log in, then
// types /imagine, presses every button, prints what the bot posted and saves the images it uploaded.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type EmulatedMessage, type SentInteraction, startDiscordEmulator } from './discord/index.ts';
import { decodeImage, startFalEmulator } from './fal/index.ts';

const { values } = parseArgs({
  options: {
    'discord-port': { type: 'string', default: '8787' },
    'fal-port': { type: 'string', default: '8788' },
    'generation-ms': { type: 'string', default: '1500' },
    out: { type: 'string', default: './session-images' },
  },
});
const discord = await startDiscordEmulator({ port: Number(values['discord-port']) });
const fal = await startFalEmulator({
  port: Number(values['fal-port']),
  generationMs: Number(values['generation-ms']),
  imageLongSide: 512,
});
const out = values.out;
mkdirSync(out, { recursive: true });
const say = (line: string) => process.stdout.write(`${line}\n`);

say('# put these in .env, then run: npm install && npm start');
say(
  `DISCORD_TOKEN=${discord.token}\nFAL_KEY=${fal.key}\nDISCORD_API_URL=${discord.apiUrl}\nFAL_QUEUE_URL=${fal.url}\nALLOW_HTTP_HOSTS=${new URL(fal.url).host}`,
);
await discord.waitForConnection();
// A fresh emulator has no commands, so the bot registers them (one PUT) before it serves.
await discord.waitForRequest((r) => r.method === 'PUT' && r.route.endsWith('/commands'), 30_000);
say(
  `\n# bot connected; registered commands: ${discord
    .commands()
    .map((c) => (c as { name: string }).name)
    .join(', ')}`,
);

const originalRoute = (token: string) => `/webhooks/${discord.applicationId}/${token}/messages/@original`;

async function result(label: string, sent: SentInteraction): Promise<EmulatedMessage> {
  const callback = await sent.callback();
  const edit = await discord.waitForRequest(
    (r) => r.method === 'PATCH' && r.route === originalRoute(sent.token) && r.files.length > 0,
    60_000,
  );
  const job = fal.jobs.at(-1)!;
  const message = discord.originalMessage(sent.token)!;
  say(`\n## ${label}`);
  say(
    `ack (callback type ${(callback.json as { type: number }).type}) after ${(callback.receivedAt - sent.sentAt).toFixed(1)} ms`,
  );
  say(`fal input: ${JSON.stringify(job.input)}`);
  say(`fal completed → edit received: ${(edit.receivedAt - (job.completedAt ?? 0)).toFixed(1)} ms`);
  for (const embed of message.embeds as {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
  }[]) {
    say(`embed "${embed.title}": ${embed.description}`);
    say(`  ${(embed.fields ?? []).map((f) => `${f.name}=${f.value}`).join(' · ')}`);
  }
  const rows = message.components as { components: { label?: string }[] }[];
  say(`buttons: ${rows.flatMap((r) => r.components.map((b) => b.label)).join(' | ')}`);
  for (const file of edit.files) {
    const picture = decodeImage(file.data);
    writeFileSync(join(out, file.filename), file.data);
    say(
      `attachment ${file.filename}: ${file.data.length} bytes, ${picture.format} ${picture.width}x${picture.height}`,
    );
  }
  return message;
}

const customId = (message: EmulatedMessage, label: string) =>
  (message.components as { components: { label?: string; custom_id?: string }[] }[])
    .flatMap((r) => r.components)
    .find((b) => b.label === label)?.custom_id ?? '';

const first = await result(
  '/imagine prompt:"a red fox in the snow" aspect_ratio:16:9 count:2',
  discord.slashCommand('imagine', [
    { name: 'prompt', type: 3, value: 'a red fox in the snow' },
    { name: 'aspect_ratio', type: 3, value: '16:9' },
    { name: 'count', type: 4, value: 2 },
  ]),
);
await result('Reroll', discord.button(customId(first, 'Reroll'), first));
await result('Same seed', discord.button(customId(first, 'Same seed'), first));
const edit = discord.button(customId(first, 'Edit prompt'), first);
await edit.callback();
const modal = discord.lastModal(edit.token) as { custom_id: string; title: string };
say(`\n## Edit prompt\nmodal "${modal.title}" shown: ${JSON.stringify(modal).slice(0, 200)}…`);
await result(
  'Edit prompt submitted',
  discord.modalSubmit(modal.custom_id, { prompt: 'a red fox in the snow at night' }),
);

const stranger = discord.button(customId(first, 'Delete'), first, {
  user: { id: '300000000000000005', username: 'someone' },
});
const refusal = await discord.waitForRequest(
  (r) => r.route.includes(stranger.id) && r.route.endsWith('/callback'),
);
say(`\n## Delete pressed by someone else\n${JSON.stringify(refusal.json)}`);
const own = discord.button(customId(first, 'Delete'), first);
await discord.waitForRequest((r) => r.method === 'DELETE' && r.route.includes(own.token));
say(
  `\n## Delete pressed by the requester\nmessage ${first.id} still there: ${discord.message(first.id) !== undefined}`,
);
say(
  `\nDiscord limit violations: ${discord.violations.length === 0 ? 'none' : discord.violations.join('; ')}`,
);
await Promise.all([discord.close(), fal.close()]);
process.exit(0);
