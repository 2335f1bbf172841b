import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatDetection, formatItem, formatMatch } from '../adapters/console/format-item.js';
import { renderConsole } from '../adapters/console/render.js';
import { alertMessage, digestMessage } from '../delivery/build-message.js';
import { systemClock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { packageRoot } from '../core/paths.js';
import { addFeed } from '../pipeline/add-feed.js';
import { createHttpFetcher } from '../pipeline/fetch/http-fetcher.js';
import type { CompiledStory } from '../pipeline/match/compile-story.js';
import { formatTimeline, storyTimeline } from '../queries/timeline.js';
import { Poller } from '../scheduler/poller.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { loadSeedArticles } from './seed-articles.js';
import { startSeedFeedServer } from './seed-feed-server.js';

/** What the demo did, for tests. */
export interface DemoSummary {
  released: number;
  stored: number;
  matched: number;
  alerts: number;
  notModifiedChecks: number;
}

/**
 * The offline demo: serves the seed articles as an RSS feed on 127.0.0.1, releasing them one at a
 * time in publication order, and runs the real pipeline (fetch → parse → normalize → SQLite in a
 * temporary folder → match against the stories) after each release, printing what happens to every item.
 */
export async function runDemo(out: (line: string) => void, log: Logger, stories: CompiledStory[]): Promise<DemoSummary> {
  const articles = loadSeedArticles(path.join(packageRoot(), 'test', 'fixtures', 'seeds'));
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-demo-'));
  const store = openSqliteStore(path.join(dir, 'storywatch.db'));
  const server = await startSeedFeedServer(articles);
  const deps = { store, clock: systemClock, log, http: createHttpFetcher({ allowPrivateNetworks: true }), stories };
  const poller = new Poller(deps, { tick: '* * * * *', concurrency: 4, perHostConcurrency: 1, perHostDelayMs: 0 });
  const summary: DemoSummary = { released: 0, stored: 0, matched: 0, alerts: 0, notModifiedChecks: 0 };
  try {
    out(`storywatch demo: ${articles.length} seed articles served at ${server.feedUrl}; database ${path.join(dir, 'storywatch.db')}`);
    const added = await addFeed({ url: server.feedUrl, name: 'Seed articles', intervalSec: 60 }, deps);
    if (!added.ok) throw new Error(`${added.error.code}: ${added.error.message}`);
    out(`Added the feed; it is empty so far (baseline: ${added.value.baselineItems} items).\n`);
    for (let next = server.releaseNext(); next; next = server.releaseNext()) {
      summary.released++;
      out(`[${summary.released}/${articles.length}] published ${next.file} (${next.published})`);
      for (const report of await poller.runDue({ ignoreInterval: true })) {
        if (report.outcome === 'error') out(`  feed error ${report.error?.code}: ${report.error?.message}`);
        for (const r of report.rejected) out(`  item ${r.index} rejected: ${r.error.code} ${r.error.message}`);
        for (const item of report.newItems) {
          out(formatItem(item).join('\n'));
          for (const story of stories)
            out(formatMatch(story.config.id, report.matches.find((m) => m.item.id === item.id && m.storyId === story.config.id)?.match ?? null).join('\n'));
          for (const d of report.detections.filter((x) => x.match.item.id === item.id)) {
            out(formatDetection(d).join('\n'));
            const message = d.alertId === null ? null : await alertMessage(store, d.match.match.analysis.story.config, d.alertId);
            if (message) out(['    ┌ the alert a subscribed channel receives:', ...renderConsole(message).map((l) => `    │ ${l}`)].join('\n'));
          }
        }
        summary.alerts += report.detections.filter((d) => d.alertId !== null).length;
        summary.stored += report.newItems.length;
        summary.matched += report.matches.length;
      }
    }
    const [last] = await poller.runDue({ ignoreInterval: true });
    if (last?.outcome === 'not_modified') summary.notModifiedChecks++;
    out(`\nOne more poll with nothing new: ${last?.outcome ?? 'no feed due'} (conditional GET with ETag).`);
    out(
      `Done: ${summary.stored} items fetched, normalized and stored; ${await store.countItems()} in the database; ${summary.matched} matched a story; ${summary.alerts} new-development alerts.`,
    );
    for (const story of stories) {
      out('');
      formatTimeline(story.config, await storyTimeline(store, story.config)).forEach((line) => out(line));
    }
    const [first] = stories;
    if (first) {
      out('\nThe daily digest a subscribed channel receives (storywatch digest --now):');
      const digest = await digestMessage(store, first.config, { since: null, until: new Date(), day: new Date().toISOString().slice(0, 10), timeZone: 'UTC' });
      renderConsole(digest).forEach((line) => out(`  ${line}`));
    }
    return summary;
  } finally {
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
