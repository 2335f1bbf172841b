import type { FeedRecord } from '../../core/feed.js';
import type { OutboxBacklog, OutboxRow, Subscription } from '../../core/subscription.js';
import { feedState } from '../../queries/feed-state.js';
import type { ItemTrace } from '../../queries/item-trace.js';
import { escapeMarkup } from '../../core/text/markup.js';

/** What the operator status page shows. */
export interface StatusView {
  feeds: FeedRecord[];
  subscriptions: Subscription[];
  backlog: OutboxBacklog[];
  /** The latest outbox messages, newest first. */
  recent: OutboxRow[];
  query: string;
  traces: ItemTrace[];
  now: Date;
}

const when = (d: Date | null): string => (d ? `<time datetime="${d.toISOString()}">${d.toISOString().replace('T', ' ').slice(0, 19)} UTC</time>` : '—');
const cell = (v: string | number | null): string => `<td>${v === null ? '—' : escapeMarkup(String(v))}</td>`;

function table(caption: string, head: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<section><h2>${escapeMarkup(caption)}</h2><p>${escapeMarkup(empty)}</p></section>`;
  return [
    `<section><h2>${escapeMarkup(caption)}</h2><table><thead><tr>${head.map((h) => `<th>${escapeMarkup(h)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows.map((r) => `<tr>${r.join('')}</tr>`),
    '</tbody></table></section>',
  ].join('\n');
}

function feedRows(feeds: FeedRecord[]): string[][] {
  return feeds.map((f) => [
    cell(`#${f.id}`),
    cell(f.name),
    `<td class="url">${escapeMarkup(f.url)}</td>`,
    cell(feedState(f)),
    `<td>${when(f.lastFetchAt)}</td>`,
    cell(f.status),
    `<td class="error">${f.lastErrorCode ? `<code>${escapeMarkup(f.lastErrorCode)}</code> ${escapeMarkup(f.lastError ?? '')}` : '—'}</td>`,
    cell(f.errorCount),
    `<td>${f.state === 'active' ? when(f.nextCheckAt) : escapeMarkup(f.pausedReason ?? f.state)}</td>`,
  ]);
}

function subscriptionRows(subscriptions: Subscription[]): string[][] {
  return subscriptions.map((s) => [
    cell(`#${s.id}`),
    cell(`${s.platform}:${s.channelId}`),
    cell(s.storyId),
    cell([s.alerts ? 'alerts' : null, s.digestTime ? `digest ${s.digestTime} ${s.timeZone ?? 'UTC'}` : null].filter(Boolean).join(', ') || '—'),
    cell(s.status),
    cell(s.stoppedReason),
  ]);
}

function outboxRows(recent: OutboxRow[], subscriptions: Subscription[]): string[][] {
  const where = new Map(subscriptions.map((s) => [s.id, `${s.platform}:${s.channelId}`]));
  return recent.map((o) => [
    cell(`#${o.id}`),
    cell(o.kind),
    cell(where.get(o.subscriptionId) ?? `subscription ${o.subscriptionId}`),
    `<td class="outcome-${escapeMarkup(o.status)}">${escapeMarkup(o.status)}</td>`,
    cell(o.attempts),
    `<td>${when(o.sentAt ?? o.createdAt)}</td>`,
    `<td class="error">${escapeMarkup(o.lastError ?? '')}</td>`,
  ]);
}

function traceHtml(t: ItemTrace): string {
  const stories = t.stories.map((s) => {
    const decision =
      s.matched === null
        ? 'not matched against this story (baseline, or still pending)'
        : s.matched
          ? `matched (score ${s.score?.toFixed(2)})`
          : `not matched (score ${s.score?.toFixed(2)})`;
    const timeline = s.developments.length > 0 ? `source of ${s.developments.join('; ')}` : 'no development';
    return [
      `<li class="story-trace" data-story="${escapeMarkup(s.storyId)}" data-matched="${String(s.matched)}">`,
      `<strong>${escapeMarkup(s.storyId)}</strong>: <span class="decision">${escapeMarkup(decision)}</span>; ${escapeMarkup(timeline)}; ${s.alerted ? 'alerted' : 'no alert'}`,
      s.reasons.length > 0 ? `<ul class="reasons">${s.reasons.map((r) => `<li>${escapeMarkup(r)}</li>`).join('')}</ul>` : '',
      '</li>',
    ].join('');
  });
  return [
    `<li class="trace"><p><strong>${escapeMarkup(t.item.title)}</strong> — ${escapeMarkup(t.feed)}, ${escapeMarkup(t.item.lang)}, fetched ${when(t.item.fetchedAt)}${t.item.baseline ? ' (baseline: recorded silently on the feed’s first fetch)' : ''}</p>`,
    t.item.link ? `<p class="url">${escapeMarkup(t.item.link)}</p>` : '',
    `<ul>${stories.join('')}</ul></li>`,
  ].join('\n');
}

/** The operator status page: feeds, subscriptions, outbox backlog and recent deliveries, and the item search with its explanations. */
export function statusPage(v: StatusView): string {
  const backlog = v.backlog.map(
    (b) =>
      `${b.platform}: ${b.pending} pending${b.nextAttemptAt ? `, next try ${b.nextAttemptAt.toISOString()}` : ''}${b.lastError ? ` (${b.lastError})` : ''}`,
  );
  return [
    '<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>storywatch status</title><link rel="stylesheet" href="/assets/page.css"></head><body>',
    `<header><h1>storywatch status</h1><p class="summary">${when(v.now)} · ${v.feeds.length} feed(s) · ${v.subscriptions.length} subscription(s)</p></header>`,
    table('Feeds', ['Id', 'Name', 'URL', 'State', 'Last fetch', 'Status', 'Error', 'Errors in a row', 'Next try'], feedRows(v.feeds), 'No feeds.'),
    table('Subscriptions', ['Id', 'Channel', 'Story', 'Sends', 'State', 'Why stopped'], subscriptionRows(v.subscriptions), 'No subscriptions.'),
    `<section><h2>Outbox</h2><p class="backlog">${backlog.length > 0 ? escapeMarkup(backlog.join(' · ')) : 'Nothing waits.'}</p></section>`,
    table(
      'Recent deliveries',
      ['Id', 'Kind', 'Channel', 'Outcome', 'Attempts', 'At', 'Last error'],
      outboxRows(v.recent, v.subscriptions),
      'Nothing sent yet.',
    ),
    '<section><h2>Why was this item not delivered?</h2>',
    `<form method="get" action="/status"><label>Item title, link or text <input type="search" name="q" value="${escapeMarkup(v.query)}"></label> <button type="submit">Search</button></form>`,
    v.query
      ? v.traces.length > 0
        ? `<ol class="traces">${v.traces.map(traceHtml).join('\n')}</ol>`
        : `<p class="none">No stored item contains “${escapeMarkup(v.query)}”.</p>`
      : '',
    '</section></body></html>',
  ].join('\n');
}

/** The login form shown to a request without the token. */
export function loginPage(failed: boolean): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>storywatch status — sign in</title><link rel="stylesheet" href="/assets/page.css"></head><body>',
    '<h1>storywatch status</h1>',
    failed
      ? '<p class="error" role="alert">That token is not the status token.</p>'
      : '<p>The status page needs the operator token (STORYWATCH_STATUS_TOKEN).</p>',
    '<form method="post" action="/status/login"><label>Token <input type="password" name="token" autocomplete="current-password" required></label> <button type="submit">Sign in</button></form>',
    '</body></html>',
  ].join('\n');
}
