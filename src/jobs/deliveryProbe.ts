import type { DeliveryRoute, Generation } from '../core/generation.ts';
import type { MessageLookup, SeenMessage } from '../discord/messageLookup.ts';
import type { Logger } from '../logger.ts';
import type { PostedParts } from './postedParts.ts';

/** A message of this result that Discord has and the delivery log does not. */
export interface FoundPart {
  route: DeliveryRoute;
  messageId: string;
  channelId: string;
  files: string[];
  head: boolean;
}

/**
 * A process killed after Discord accepted a message and before the log recorded it would post that part
 * again: before resuming, look where the result may have gone for messages carrying its file names
 * (or, for the head, its embed's footer, which names the generation). A lookup that fails (no Read
 * Message History, token gone) only narrows what is seen.
 */
export async function findUnrecordedParts(
  generation: Generation,
  fileNames: readonly string[],
  posted: PostedParts,
  deps: { lookup: MessageLookup; tokenAlive: boolean; log?: Logger },
): Promise<FoundPart[]> {
  const { lookup } = deps;
  const seen = new Map<string, { message: SeenMessage; route: DeliveryRoute }>();
  const botRoute: DeliveryRoute = generation.guildId ? 'channel' : 'dm';
  const look = async (what: string, read: () => Promise<SeenMessage[]>, route: DeliveryRoute) => {
    try {
      for (const message of await read()) {
        if (!seen.has(message.id))
          seen.set(message.id, { message, route: message.viaInteraction ? 'edit' : route });
      }
    } catch (error) {
      deps.log?.warn({ err: error, lookup: what }, 'could not check what Discord already has');
    }
  };
  if (deps.tokenAlive) {
    await look(
      'original',
      async () => [await lookup.original(generation.applicationId, generation.interactionToken)],
      'edit',
    );
  }
  await look('channel', () => lookup.recent(generation.channelId), botRoute);
  await look(
    'dm',
    async () => {
      const dm = await lookup.dmChannelId(generation.userId);
      return dm === generation.channelId ? [] : lookup.recent(dm);
    },
    'dm',
  );

  const ours = new Set(fileNames);
  const found = [...seen.values()]
    .filter(({ message }) => !posted.hasMessage(message.id))
    .map(({ message, route }) => ({
      route,
      messageId: message.id,
      channelId: message.channelId,
      files: message.attachments.filter((name) => ours.has(name) && !posted.hasFile(name)),
      head: !posted.head && message.embedFooters.some((footer) => footer.includes(generation.id)),
    }))
    .filter((part) => part.head || part.files.length > 0);
  // Parts are posted head first; without a head, files elsewhere cannot be placed after it.
  if (!posted.head && !found.some((part) => part.head)) return [];
  return found.sort((a, b) =>
    a.head !== b.head ? (a.head ? -1 : 1) : BigInt(a.messageId) < BigInt(b.messageId) ? -1 : 1,
  );
}
