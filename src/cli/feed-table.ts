import type { FeedRecord } from '../core/feed.js';
import { feedState, formatInterval } from '../queries/feed-state.js';

function when(date: Date | null): string {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-';
}

/** Renders `feeds list` as an aligned text table, with the last error under each failing feed. */
export function formatFeedTable(feeds: FeedRecord[], itemCounts: Map<number, number>): string {
  if (feeds.length === 0) return 'No feeds. Add one with `storywatch feeds add <url>` or list them in config/feeds.yml.';
  const header = ['ID', 'NAME', 'STATUS', 'ERRORS', 'LAST FETCH', 'NEXT CHECK', 'EVERY', 'ITEMS', 'URL'];
  const rows = feeds.map((f) => [
    String(f.id),
    f.name,
    feedState(f),
    String(f.errorCount),
    when(f.lastFetchAt),
    when(f.nextCheckAt),
    formatInterval(f.intervalSec),
    String(itemCounts.get(f.id) ?? 0),
    f.url,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ');
  const out = [line(header)];
  feeds.forEach((f, i) => {
    out.push(line(rows[i] ?? []));
    if (f.lastError && f.status === 'error') out.push(`    ↳ ${f.lastErrorCode}: ${f.lastError}`);
  });
  return out.join('\n');
}
