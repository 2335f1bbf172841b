import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, staticFeed, type FeedServer } from './fakes/feed-server.js';
import { runCli } from './helpers/cli.js';
import { rss } from './helpers/rss.js';

interface Line {
  id: string;
  lang: string;
  title: string;
  summary: string;
  published?: string;
}
interface TimelineJson {
  timeline: { date: string; kind: string; actors: string[] }[];
}

/** The dated labeled Iran–Pakistan items (178 of 209), newest first, as a real feed lists them. */
const lines = readFileSync(path.join('test', 'fixtures', 'eval', 'iran-pakistan-2024.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Line)
  .filter((l): l is Line & { published: string } => l.published !== undefined)
  .sort((a, b) => Date.parse(b.published) - Date.parse(a.published) || (a.id < b.id ? 1 : -1));

/** Issue 11, finding 1: a backfill of a newest-first feed used to give wrong facts; it now gives the date-ordered replay's. */
describe('a backfilled feed listing its items newest first', () => {
  let server: FeedServer;
  let dir: string;
  const cli = (...args: string[]) => runCli(['--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), ...args]);
  const shape = (t: TimelineJson) => t.timeline.map((d) => `${d.date} ${d.kind} ${d.actors.join(' → ')}`).sort();

  beforeAll(async () => {
    expect(lines).toHaveLength(178);
    server = await startFeedServer();
    const items = lines.map((l) => ({ title: l.title, guid: `ip:${l.id}`, date: new Date(l.published).toUTCString(), html: `<p>${l.summary}</p>` }));
    server.route('/world.xml', staticFeed({ body: rss(items, { title: 'World news' }), etag: '"1"' }));
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-order-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n  timeoutMs: 5000\n');
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is added with --backfill and polled by run --once', async () => {
    const added = await cli('feeds', 'add', server.url('/world.xml'), '--backfill');
    expect(added).toMatchObject({ code: 0, err: '' });
    const run = await cli('run', '--once');
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(server.requests.filter((r) => r.path === '/world.xml').length).toBeGreaterThanOrEqual(1);
  });

  it('answers "when did Pakistan strike Iran?" with 18 January 2024', async () => {
    const a = await cli('ask', '--story', 'iran-pakistan-2024', 'when did Pakistan strike Iran?');
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^2024-01-18 — military strike: Pakistan → Iran \(D\d+; \d+ sources in /);
    expect(a.out).not.toContain('2024-01-29');
  });

  it('names Pakistan as the striking side on 18 January', async () => {
    const a = await cli('ask', '--story', 'iran-pakistan-2024', 'what happened on 18 January?');
    expect(a.code).toBe(0);
    expect(a.out).toContain('2024-01-18 — military strike: Pakistan → Iran');
    expect(a.out).not.toContain('military strike: Iran → Pakistan');
  });

  it('has the timeline of the same items replayed in date order: same developments, dates and sides', async () => {
    const input = path.join(dir, 'by-date.jsonl');
    const byDate = [...lines].reverse().map((l) => ({ id: l.id, title: l.title, summary: l.summary, published: l.published }));
    writeFileSync(input, byDate.map((l) => JSON.stringify(l)).join('\n'));
    // The replay works on a store of its own: it runs beside the timeline read.
    const [timeline, replay] = await Promise.all([
      cli('timeline', '--story', 'iran-pakistan-2024', '--json'),
      runCli(['--config', path.join(dir, 'config'), 'replay', '--story', 'iran-pakistan-2024', '--input', input]),
    ]);
    expect(timeline.code).toBe(0);
    expect(replay).toMatchObject({ code: 0, err: '' });
    const replayed = JSON.parse(replay.out) as TimelineJson;
    // What `ask` answered above is what the replay holds: one strike by Pakistan on Iran, on 18 January.
    expect(shape(replayed).filter((d) => d.includes('military_strike Pakistan → Iran'))).toEqual(['2024-01-18 military_strike Pakistan → Iran']);
    expect(shape(JSON.parse(timeline.out) as TimelineJson)).toEqual(shape(replayed));
  });

  it("prints the story's state under the text timeline: quiet since its last development once the window has closed", async () => {
    const [jsonRun, text] = await Promise.all([cli('timeline', '--story', 'iran-pakistan-2024', '--json'), cli('timeline', '--story', 'iran-pakistan-2024')]);
    const json = JSON.parse(jsonRun.out) as TimelineJson;
    const last = json.timeline
      .map((d) => d.date)
      .sort()
      .at(-1);
    expect(text.code).toBe(0);
    expect(text.out.trim().split('\n').at(-1)).toBe(`State: quiet since ${last}`);
  });
});
