import { ok, type Result } from '../../core/result.js';
import type { OutboundMessage, Sender } from '../../delivery/message.js';
import type { SentMessage } from '../../core/subscription.js';
import { renderConsole } from './render.js';

/** Where console messages go: `process.stdout` or anything with a `write`. */
export interface TextWriter {
  write(chunk: string): unknown;
}

/**
 * A `Sender` that prints messages as text, for the demo and for operators. Within one process a key
 * is printed once; a repeated send returns the first message's id.
 */
export function createConsoleSender(writer: TextWriter): Sender {
  const sent = new Map<string, SentMessage>();
  let next = 1;
  return {
    platform: 'console',
    async send(channelId: string, message: OutboundMessage, key: string): Promise<Result<SentMessage>> {
      const earlier = sent.get(key);
      if (earlier) return ok(earlier);
      const messageId = `console-${next++}`;
      writer.write(`[${channelId} ${messageId}]\n${renderConsole(message).join('\n')}\n`);
      const result = { messageId, messageIds: [messageId] };
      sent.set(key, result);
      return ok(result);
    },
    async update(channelId: string, messageId: string, message: OutboundMessage): Promise<Result<void>> {
      writer.write(`[${channelId} ${messageId} updated]\n${renderConsole(message).join('\n')}\n`);
      return ok(undefined);
    },
  };
}
