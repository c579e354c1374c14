// A real discord.js Client logged into a fresh Discord emulator, for the emulator's own tests: it hands
// each test the discord.js object of an interaction the emulator sent.
import { Client, DiscordAPIError, Events, GatewayIntentBits, type Interaction } from 'discord.js';
import { afterAll, beforeAll } from 'vitest';
import {
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  type SentInteraction,
  startDiscordEmulator,
} from './discord/index.ts';

export interface ClientKit {
  readonly emu: DiscordEmulator;
  readonly client: Client;
  /** The discord.js object for an interaction the emulator sent. */
  received(sent: SentInteraction): Promise<Interaction>;
  /** Takes the violations seen so far, so each test only sees its own. */
  takeViolations(): string[];
}

/** Registers beforeAll/afterAll in the calling test file; the fields are set once beforeAll ran. */
export function useDiscordClient(options: DiscordEmulatorOptions = {}): ClientKit {
  let emu: DiscordEmulator | undefined;
  let client: Client | undefined;
  const arrived = new Map<string, { promise: Promise<Interaction>; resolve: (i: Interaction) => void }>();
  const slot = (id: string) => {
    let entry = arrived.get(id);
    if (!entry) {
      let resolve!: (i: Interaction) => void;
      const promise = new Promise<Interaction>((r) => {
        resolve = r;
      });
      entry = { promise, resolve };
      arrived.set(id, entry);
    }
    return entry;
  };

  beforeAll(async () => {
    emu = await startDiscordEmulator(options);
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emu.apiUrl } });
    client.on(Events.InteractionCreate, (interaction) => slot(interaction.id).resolve(interaction));
    const ready = new Promise((resolve) => client?.once(Events.ClientReady, resolve));
    await client.login(emu.token);
    await ready;
    await emu.waitForConnection();
  });
  afterAll(async () => {
    await client?.destroy();
    await emu?.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the Discord client kit is used before beforeAll ran');
    return value;
  };
  return {
    get emu() {
      return started(emu);
    },
    get client() {
      return started(client);
    },
    received: (sent) => slot(sent.id).promise,
    takeViolations: () => started(emu).violations.splice(0),
  };
}

/** The DiscordAPIError a request must fail with. */
export async function apiError(promise: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DiscordAPIError))
    throw new Error(`expected a DiscordAPIError, got ${String(error)}`);
  return error;
}
