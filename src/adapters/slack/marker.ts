/** The message metadata that marks a Slack message as one part of an outbox row. */
export interface OutboxMarker {
  event_type: typeof MARKER_EVENT;
  event_payload: { key: string; part: number; parts: number };
}

/** The metadata event type of our messages. */
export const MARKER_EVENT = 'storywatch_outbox';

/** The marker of part `part` (0-based) of `parts` for the outbox row `key`. */
export function markerFor(key: string, part: number, parts: number): OutboxMarker {
  return { event_type: MARKER_EVENT, event_payload: { key, part, parts } };
}

/** A message from `conversations.history`, as far as we read it. */
export interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** The `ts` of each part of `key` already in the channel's history, by part number. */
export function partsAlreadySent(history: HistoryMessage[], key: string): Map<number, string> {
  const found = new Map<number, string>();
  for (const message of history) {
    const payload = message.metadata?.event_type === MARKER_EVENT ? message.metadata.event_payload : undefined;
    if (payload?.key === key && typeof payload.part === 'number' && message.ts && !found.has(payload.part)) found.set(payload.part, message.ts);
  }
  return found;
}
