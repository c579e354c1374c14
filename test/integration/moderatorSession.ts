// Prints one moderator session against the emulators: what the bot answered to each /settings and
// /usage command (and to a member trying the rules out). Run: npx node test/integration/moderatorSession.ts
import type { InteractionContext, SentInteraction } from '../emulators/discord/index.ts';
import { delivery, imagine, type Stack, startStack } from './harness.ts';
import { answer, asMember, asModerator, buttonId, channelId, guilds, settings } from './moderationDriver.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const stack: Stack = await startStack({ discord: { guilds: guilds(1) }, config: { logLevel: 'silent' } });
const mod = asModerator(1);
const ana = asMember(1, 1);

async function show(typed: string, who: string, sent: SentInteraction): Promise<string> {
  const text = await answer(stack, sent);
  say(`\n${who}> ${typed}`);
  for (const line of text.split('\n')) say(`  bot (only ${who} sees it): ${line}`);
  return text;
}

async function generated(typed: string, who: string, sent: SentInteraction) {
  const edit = await delivery(stack, sent);
  const job = stack.fal.jobs.at(-1)!;
  say(`\n${who}> ${typed}`);
  say(`  fal received: safety_tolerance "${job.input.safety_tolerance}", num_images ${job.input.num_images}`);
  say(
    `  bot posted: ${edit.files.map((f) => f.filename).join(', ')} with Reroll | Same seed | Edit prompt | Delete`,
  );
  return stack.discord.originalMessage(sent.token)!;
}

const cmd = (
  path: [string] | [string, string],
  options: Record<string, string | number | boolean>,
  ctx: InteractionContext,
  types = {},
) => settings(stack, path, options, ctx, types);

await show('/settings show', 'mod', cmd(['show'], {}, mod));
await show('/settings safety level:5 nsfw_level:6', 'mod', cmd(['safety'], { level: 5, nsfw_level: 6 }, mod));
await show(
  '/settings safety level:6 (as a member without Manage Server)',
  'ana',
  cmd(['safety'], { level: 6 }, ana),
);
await show(
  '/settings limits cooldown:30 daily_per_user:3 max_count:2 budget:2',
  'mod',
  cmd(['limits'], { cooldown: 30, daily_per_user: 3, max_count: 2, budget: 2 }, mod),
);
await show('/settings limits', 'mod', cmd(['limits'], {}, mod));
await show(
  '/settings channels add:#general',
  'mod',
  cmd(['channels'], { add: channelId(1, 1) }, mod, { add: 7 }),
);
await show('/settings roles', 'mod', cmd(['roles'], {}, mod));
await show('/settings blocklist add term:gore', 'mod', cmd(['blocklist', 'add'], { term: 'gore' }, mod));
await show(
  '/settings blocklist add term:/blo+d/',
  'mod',
  cmd(['blocklist', 'add'], { term: '/blo+d/' }, mod),
);
await show('/settings blocklist list', 'mod', cmd(['blocklist', 'list'], {}, mod));

await show(
  '/imagine prompt:"a gory battle, so much blooood"',
  'ana',
  imagine(stack, { prompt: 'a gory battle, so much blooood' }, ana),
);
await show(
  '/imagine prompt:"a red fox" count:4',
  'ana',
  imagine(stack, { prompt: 'a red fox', count: 4 }, ana),
);
const fox = await generated(
  '/imagine prompt:"a red fox" count:2',
  'ana',
  imagine(stack, { prompt: 'a red fox', count: 2 }, ana),
);
await show('(presses 🎲 Reroll at once)', 'ana', stack.discord.button(buttonId(fox, 'Reroll'), fox, ana));
await show(
  '/imagine prompt:"a red fox" (in #other)',
  'ana',
  imagine(stack, { prompt: 'a red fox' }, { ...ana, channelId: channelId(1, 2) }),
);
await show('/usage', 'ana', stack.discord.slashCommand('usage', [], ana));
await show('/usage', 'mod', stack.discord.slashCommand('usage', [], mod));
await show('/settings show', 'mod', cmd(['show'], {}, mod));

const ask = cmd(['reset'], {}, mod);
await show('/settings reset', 'mod', ask);
const prompt = stack.discord.originalMessage(ask.token)!;
say('  bot shows buttons: Reset to defaults | Cancel');
const press = stack.discord.button(buttonId(prompt, 'Reset to defaults'), prompt, mod);
const update = (await press.callback()).json as { data: { content: string } };
say('\nmod> (presses Reset to defaults)');
for (const line of update.data.content.split('\n')) say(`  bot (message updated): ${line}`);

await stack.close();
