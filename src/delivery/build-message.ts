import type { StoryConfig } from '../config/story-schema.js';
import { storyTitleIn } from '../config/story-title.js';
import type { Development } from '../core/development.js';
import { kindRule, storyTaxonomy } from '../taxonomy/taxonomy.js';
import type { StoredItem } from '../core/item.js';
import type { Store } from '../store/ports.js';
import type { DevelopmentView, OutboundMessage } from './message.js';
import type { OutboxRow, Subscription } from '../core/subscription.js';
import { localeFor, type Locale } from './locale/locale.js';
import { developmentTitle, kindName, quoteFor, sideName } from './locale/localize-development.js';

/** A development's kind, actors and title ("frappe militaire: A → B") in a locale (decision 023). */
export function developmentNames(story: StoryConfig, d: Development, locale: Locale): Pick<DevelopmentView, 'kindLabel' | 'actors' | 'label'> {
  const rule = kindRule(storyTaxonomy(story), d.kind);
  const actors = d.actors.map((a) => sideName(story, a, locale.lang));
  const kindLabel = kindName(rule, locale.lang);
  return { kindLabel, actors, label: locale.lang === 'en' ? d.label : developmentTitle(rule, kindLabel, actors, locale) };
}

/**
 * A development as messages show it in a channel's language (decision 023), with its first source's
 * link: kind and actors named in that language, and a sentence quoted from a source in it when one has it.
 */
export function developmentView(story: StoryConfig, d: Development, items: Map<number, StoredItem>, language?: string): DevelopmentView {
  const locale = localeFor(language);
  const quote = quoteFor(d, locale);
  return {
    id: d.id,
    date: d.date,
    kind: d.kind,
    ...developmentNames(story, d, locale),
    summary: quote.text && quote.languageNote ? `${quote.text} ${quote.languageNote}` : quote.text,
    summaryLang: quote.lang,
    link: (d.firstItemId === null ? null : items.get(d.firstItemId)?.link) ?? null,
    sourceCount: d.sources.length,
    languages: d.languages,
  };
}

/** What building a message reads: the store, or a pass's snapshot of it. */
export type MessageReads = Pick<Store, 'listDevelopments' | 'listAlerts' | 'getItems' | 'getFeed'>;

/**
 * The store's timelines and alerts read once per story for a dispatch pass (messages of a pass
 * share them instead of each reading the whole timeline). Take it after the pass's outbox rows were
 * read: an alert and its rows are written in one transaction, so every alert a row names is there.
 */
export function passSnapshot(store: Store): MessageReads {
  const developments = new Map<string, ReturnType<Store['listDevelopments']>>();
  const alerts = new Map<string, ReturnType<Store['listAlerts']>>();
  const once = <T>(cache: Map<string, T>, storyId: string, read: () => T): T => {
    if (!cache.has(storyId)) cache.set(storyId, read());
    return cache.get(storyId) as T;
  };
  return {
    listDevelopments: (storyId) => once(developments, storyId, () => store.listDevelopments(storyId)),
    listAlerts: (storyId) => once(alerts, storyId, () => store.listAlerts(storyId)),
    getItems: (ids) => store.getItems(ids),
    getFeed: (id) => store.getFeed(id),
  };
}

async function itemsOf(store: MessageReads, ids: (number | null)[]): Promise<Map<number, StoredItem>> {
  return new Map((await store.getItems(ids.filter((id): id is number => id !== null))).map((i) => [i.id, i]));
}

/** The alert message of a stored alert: its new developments, newest first, the context, and the item. Null if gone. */
export async function alertMessage(store: MessageReads, story: StoryConfig, alertId: number, language?: string): Promise<OutboundMessage | null> {
  const alert = (await store.listAlerts(story.id)).find((a) => a.id === alertId);
  if (!alert) return null;
  const timeline = await store.listDevelopments(story.id);
  const items = await itemsOf(store, [alert.itemId, ...timeline.map((d) => d.firstItemId)]);
  const item = items.get(alert.itemId);
  const feed = item ? await store.getFeed(item.feedId) : null;
  const pick = (ids: number[]): DevelopmentView[] =>
    timeline
      .filter((d) => ids.includes(d.id))
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((d) => developmentView(story, d, items, language));
  return {
    type: 'alert',
    ...(language === undefined ? {} : { language: localeFor(language).lang }),
    storyId: story.id,
    storyTitle: storyTitleIn(story, language),
    developments: pick(alert.developments),
    context: pick(alert.context),
    alertId: alert.id,
    ...(alert.withdrawnAt || alert.dateDisputedAt ? { feedback: { withdrawn: Boolean(alert.withdrawnAt), dateDisputed: Boolean(alert.dateDisputedAt) } } : {}),
    source: {
      title: item?.title ?? '',
      link: item?.link ?? null,
      lang: item?.lang ?? 'und',
      published: item?.published?.toISOString() ?? null,
      feedName: feed?.name ?? '',
    },
  };
}

/** A digest of the developments recorded after `since` and up to `until`, in date order, with the latest overall. */
export async function digestMessage(
  store: MessageReads,
  story: StoryConfig,
  span: { since: Date | null; until: Date; day: string; timeZone: string },
  language?: string,
): Promise<OutboundMessage> {
  const timeline = await store.listDevelopments(story.id);
  const since = span.since?.getTime() ?? Number.NEGATIVE_INFINITY;
  // A development no source counts for any more (readers withdrew them, decision 027) stays in history, out of digests.
  const counted = timeline.filter((d) => d.sources.length > 0);
  const fresh = counted.filter((d) => d.createdAt.getTime() > since && d.createdAt.getTime() <= span.until.getTime());
  const items = await itemsOf(
    store,
    timeline.map((d) => d.firstItemId),
  );
  const latest = [...counted].sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id).at(-1);
  return {
    type: 'digest',
    ...(language === undefined ? {} : { language: localeFor(language).lang }),
    storyId: story.id,
    storyTitle: storyTitleIn(story, language),
    day: span.day,
    timeZone: span.timeZone,
    developments: fresh.map((d) => developmentView(story, d, items, language)),
    latest: latest ? developmentView(story, latest, items, language) : null,
  };
}

/**
 * Builds the message an outbox row stands for, from the current store (so an alert shows its
 * current source count): an alert, or a digest of the developments recorded since the channel's
 * last digest. Null when its alert is gone.
 */
export async function buildMessage(store: MessageReads, story: StoryConfig, sub: Subscription, row: OutboxRow): Promise<OutboundMessage | null> {
  if (row.kind === 'alert') return row.alertId === null ? null : alertMessage(store, story, row.alertId, sub.language);
  const timeZone = sub.timeZone ?? 'UTC';
  const until = row.digestUntil ?? row.createdAt;
  return digestMessage(store, story, { since: sub.lastDigestAt, until, day: row.digestDay ?? localDay(until, timeZone), timeZone }, sub.language);
}

/** The calendar day (YYYY-MM-DD) of an instant in an IANA time zone. */
export function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
