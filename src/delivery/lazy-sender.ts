import { err } from '../core/result.js';
import type { Sender } from './message.js';

/**
 * A sender whose platform client is built on its first message: `load` (a dynamic import of the
 * platform's adapter) runs once, so a command that sends nothing never loads the platform library.
 * Thread replies pass through too (a platform without them refuses them, permanently).
 */
export function lazySender(platform: Sender['platform'], load: () => Promise<Sender>): Sender {
  let loaded: Promise<Sender> | undefined;
  const sender = (): Promise<Sender> => (loaded ??= load());
  return {
    platform,
    send: async (channelId, message, key) => (await sender()).send(channelId, message, key),
    update: async (channelId, messageId, message) => (await sender()).update(channelId, messageId, message),
    reply: async (channelId, parentId, reply, key) => {
      const loadedSender = await sender();
      return loadedSender.reply
        ? loadedSender.reply(channelId, parentId, reply, key)
        : err('THREADS_UNSUPPORTED', `${platform} has no threads: the reply is not sent`, { permanent: true });
    },
  };
}
