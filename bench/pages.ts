import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { systemClock } from '../src/core/clock.js';
import type { Item } from '../src/core/item.js';
import { createLogger } from '../src/core/logger.js';
import { normalizeItem } from '../src/pipeline/normalize/normalize-item.js';
import { startHttpServer } from '../src/server/http-server.js';
import { webRoutes } from '../src/server/web-routes.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const DEVELOPMENTS = Number(process.env.BENCH_DEVELOPMENTS ?? 1000);
const SOURCES = 3;
const REQUESTS = 30;
const LANGS = ['en', 'fr', 'ar', 'ur', 'fa', 'zh', 'vi', 'ru'];
const KINDS = ['military_strike', 'diplomatic_protest', 'talks', 'statement', 'de_escalation'];
const TOKEN = 'bench-status-token-0123456789';

/** Milliseconds of each of REQUESTS sequential GETs of `url` (after one warm-up request; `before` runs untimed before each). */
async function timings(url: string, headers: Record<string, string> = {}, before: (i: number) => Promise<void> = async () => {}): Promise<number[]> {
  await (await fetch(url, { headers })).text();
  const out: number[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    await before(i);
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * The web pages at the 1,000-development scale: a SQLite store holding the first configured story
 * with DEVELOPMENTS developments of SOURCES sources each, served by the real HTTP server in this
 * process; prints the median and 95th percentile of warm requests per page, and their ratio to
 * `/healthz` in the same run.
 */
export async function benchPages(): Promise<void> {
  const config = loadConfig({});
  if (!config.ok) throw new Error(config.error.message);
  const story = config.value.stories[0];
  if (!story) throw new Error('no story configured');
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-bench-pages-'));
  const store = openSqliteStore(path.join(dir, 'pages.db'));
  try {
    const feed = await store.addFeed({ url: 'https://bench.example/feed', name: 'Bench wire', intervalSec: 600 }, new Date());
    if (!feed.ok) throw new Error(feed.error.message);
    const start = Date.parse('2024-01-01T00:00:00Z');
    const raw: Item[] = [];
    for (let i = 0; i < DEVELOPMENTS * SOURCES + REQUESTS; i += 1) {
      const lang = LANGS[i % LANGS.length] ?? 'en';
      const day = new Date(start + Math.floor(i / SOURCES) * 3_600_000 * 6).toUTCString();
      const item = normalizeItem(
        {
          guid: `b${i}`,
          link: `https://bench.example/${i}`,
          title: `Report ${i} of the story`,
          summary: `Sentence ${i} reporting the event.`,
          published: day,
          language: lang,
        },
        { url: 'https://bench.example/feed', language: lang },
      );
      if (item.ok) raw.push(item.value);
    }
    const all = await store.insertItems(feed.value.id, raw, new Date());
    const items = all.slice(0, DEVELOPMENTS * SOURCES);
    const late = all.slice(DEVELOPMENTS * SOURCES);
    for (let d = 0; d < DEVELOPMENTS; d += 1) {
      const first = items[d * SOURCES];
      if (!first) break;
      const kind = KINDS[d % KINDS.length] ?? 'statement';
      const date = new Date(start + d * 3_600_000 * 6).toISOString().slice(0, 10);
      const sides = story.sides.map((s) => s.id);
      const [id] = await store.createDevelopments(first, new Date(), [
        { storyId: story.id, kind, kinds: [kind], date, actors: sides, label: `${kind} ${d}`, summary: first.text, summaryLang: first.lang },
      ]);
      if (id === undefined) continue;
      for (const s of items.slice(d * SOURCES, (d + 1) * SOURCES)) await store.addSources([id], s, new Date());
    }
    const web = webRoutes({ store, stories: config.value.stories, clock: systemClock, publicUrl: () => 'https://bench.example', statusToken: TOKEN });
    const server = await startHttpServer({ host: '127.0.0.1', port: 0 }, web.posts, async () => ({}), createLogger('silent'), web.routes);
    const base = `http://127.0.0.1:${server.port}`;
    try {
      const reference = pct(await timings(`${base}/healthz`), 50);
      console.log(
        `web pages, ${DEVELOPMENTS} developments × ${SOURCES} sources, ${REQUESTS} warm requests each (target: under 50 ms); /healthz median ${reference.toFixed(2)} ms`,
      );
      const pages: [string, string, Record<string, string>?][] = [
        ['timeline page', `/stories/${story.id}`],
        ['timeline, Arabic', `/stories/${story.id}?hl=ar`],
        ['Atom feed', `/stories/${story.id}/feed.xml`],
        ['JSON Feed', `/stories/${story.id}/feed.json`],
        ['JSON API', `/api/stories/${story.id}/timeline`],
        ['status page', '/status', { authorization: `Bearer ${TOKEN}` }],
        ['status search', '/status?q=Report%201234', { authorization: `Bearer ${TOKEN}` }],
        ['metrics', '/metrics'],
      ];
      const print = (name: string, t: number[]) =>
        console.log(
          `${name.padEnd(24)} median ${pct(t, 50).toFixed(1).padStart(6)} ms   p95 ${pct(t, 95).toFixed(1).padStart(6)} ms   ${(pct(t, 50) / reference).toFixed(0).padStart(5)}× /healthz`,
        );
      for (const [name, p, headers] of pages) print(name, await timings(`${base}${p}`, headers));
      // Each request after the timeline changed (a new source on the latest development): read and rendered again.
      const [latest] = (await store.listDevelopments(story.id)).slice(-1);
      const changed = async (i: number) => {
        const item = late[i];
        if (latest && item) await store.addSources([latest.id], item, new Date());
      };
      print('timeline page, changed', await timings(`${base}/stories/${story.id}`, {}, changed));
    } finally {
      await server.close();
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
