import { pingFor, type AlertSettings } from '../core/alert-settings.js';
import type { OutboxRow, Subscription } from '../core/subscription.js';
import type { StoryConfig } from '../config/story-schema.js';
import { storyTitleIn } from '../config/story-title.js';
import type { Store } from '../store/ports.js';
import { buildMessage, developmentView, type MessageReads } from './build-message.js';
import type { DevelopmentView, OutboundMessage, ThreadReply } from './message.js';
import { truncate } from '../core/text/display.js';

/** The longest thread name both platforms take (Discord: 100 characters). */
const THREAD_NAME = 100;

/** What one outbox row sends: a message (alert or digest), a reply in an alert's thread, or nothing, with why. */
export type Delivery = { message: OutboundMessage } | { reply: ThreadReply; parentId: string } | { nothing: string };

/** The name of a development's thread: its day and label ("2024-01-16 · military strike: A → B"). */
export function threadName(dev: DevelopmentView): string {
  return truncate(`${dev.date} · ${dev.label}`.replace(/\s+/gu, ' '), THREAD_NAME);
}

/** An alert as a subscription's settings post it: opening a thread, mentioning the role or group on its chosen kinds. */
export function styleAlert(message: OutboundMessage, settings: AlertSettings): OutboundMessage {
  if (message.type !== 'alert') return message;
  const first = message.developments[0];
  const mention = pingFor(
    settings,
    message.developments.map((d) => d.kind),
  );
  return { ...message, ...(settings.threads && first ? { thread: { name: threadName(first) } } : {}), ...(mention ? { mention } : {}) };
}

/**
 * The reply a `thread` row stands for, from the current store: the source and the thread's
 * developments it reports (a correction when it became their first report). Null when the alert,
 * the item or every such development is gone (the source was withdrawn). Written in `language` (the subscription's).
 */
export async function threadReplyMessage(reads: MessageReads, story: StoryConfig, row: OutboxRow, language?: string): Promise<ThreadReply | null> {
  const alert = (await reads.listAlerts(story.id)).find((a) => a.id === row.alertId);
  const itemId = row.itemId ?? null;
  if (!alert || itemId === null) return null;
  const timeline = (await reads.listDevelopments(story.id)).filter((d) => alert.developments.includes(d.id));
  const items = new Map((await reads.getItems([itemId, ...timeline.flatMap((d) => (d.firstItemId === null ? [] : [d.firstItemId]))])).map((i) => [i.id, i]));
  const item = items.get(itemId);
  const reported = timeline.filter((d) => d.sources.includes(itemId)).sort((a, b) => b.date.localeCompare(a.date));
  const shown = [...timeline].sort((a, b) => b.date.localeCompare(a.date))[0];
  if (!item || !shown || reported.length === 0) return null;
  const feed = await reads.getFeed(item.feedId);
  return {
    ...(language === undefined ? {} : { language }),
    storyId: story.id,
    storyTitle: storyTitleIn(story, language),
    threadName: threadName(developmentView(story, shown, items, language)),
    developments: reported.map((d) => developmentView(story, d, items, language)),
    source: { title: item.title, link: item.link, lang: item.lang, published: item.published?.toISOString() ?? null, feedName: feed?.name ?? '' },
    correction: reported.some((d) => d.firstItemId === itemId),
  };
}

/**
 * What an outbox row sends now: an alert styled by the subscription's settings (thread, ping), a
 * digest, or a reply in the thread of the subscription's sent alert. `nothing` says why not.
 */
export async function prepareDelivery(
  store: Pick<Store, 'getAlertSettings' | 'threadParent'>,
  reads: MessageReads,
  story: StoryConfig,
  sub: Subscription,
  row: OutboxRow,
): Promise<Delivery> {
  if (row.kind === 'thread') {
    const parentId = row.alertId === null ? null : await store.threadParent(sub.id, row.alertId);
    if (parentId === null) return { nothing: 'nothing to send: the alert of this thread was not posted in this channel' };
    const reply = await threadReplyMessage(reads, story, row, sub.language);
    return reply ? { reply, parentId } : { nothing: 'nothing to send: the source or its development is no longer in the thread' };
  }
  const message = await buildMessage(reads, story, sub, row);
  if (!message) return { nothing: 'nothing to send: story or alert no longer configured' };
  return { message: row.kind === 'alert' ? styleAlert(message, await store.getAlertSettings(sub.id)) : message };
}
