import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookPayload } from '../src/adapters/webhook/webhook-payload.js';
import { WEBHOOK_HEADERS } from '../src/core/webhook.js';
import { loadSeedArticles } from '../src/demo/seed-articles.js';
import { startSeedFeedServer, type SeedFeedServer } from '../src/demo/seed-feed-server.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startWebhookReceiver, type WebhookReceiver } from './fakes/webhook-receiver.js';
import { runCli } from './helpers/cli.js';

/** The operator's path (decision 030): `webhooks add`, the seeds published one by one with `run --once` after each. */
describe('storywatch webhooks: the seed replay reaches a signed webhook exactly once per alert', () => {
  let feeds: SeedFeedServer;
  let receiver: WebhookReceiver;
  let secret = '';
  let dir: string;
  const cli = (...args: string[]) => runCli(['--config', path.join(dir, 'config'), '--db', path.join(dir, 'sw.db'), ...args]);

  beforeAll(async () => {
    feeds = await startSeedFeedServer(loadSeedArticles(path.join('test', 'fixtures', 'seeds')));
    receiver = await startWebhookReceiver(() => secret);
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-webhook-cli-'));
    mkdirSync(path.join(dir, 'config'));
    cpSync(path.join('config', 'stories'), path.join(dir, 'config', 'stories'), { recursive: true });
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n');
  });
  afterAll(async () => {
    await Promise.all([feeds.close(), receiver.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a webhook, prints its secret once, and delivers the two alerts signed, once each', async () => {
    const added = await cli('webhooks', 'add', receiver.url, '--story', 'iran-pakistan-2024', '--digest', '08:00', '--tz', 'Asia/Karachi');
    expect(added.code, added.err).toBe(0);
    expect(added.out).toMatch(
      /^Added webhook #1: http:\/\/127\.0\.0\.1:\d+\/hooks\/storywatch\?… follows .*: alerts on, daily digest at 08:00 Asia\/Karachi\./m,
    );
    secret = /Signing secret \(shown this once; keep it with the receiver\): ([0-9a-f]{64})/.exec(added.out)?.[1] ?? '';
    expect(secret).toHaveLength(64);
    expect((await cli('feeds', 'add', feeds.feedUrl, '--name', 'Seeds')).out).toContain('Baseline: 0 item(s)');
    for (let next = feeds.releaseNext(); next; next = feeds.releaseNext()) {
      const r = await cli('run', '--once');
      expect(r.code, r.err).toBe(0);
    }
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.accepted().map((r) => JSON.parse(r.body) as WebhookPayload);
    const days = (p?: WebhookPayload) => [...new Set(p?.alert?.developments.map((d) => d.date))].sort();
    expect(days(first)).toEqual(['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19']);
    expect(days(second)).toEqual(['2024-01-29']);
    expect(first?.alert?.source.outlet).toBe('Seeds');
    expect(new Set(receiver.received.map((r) => r.headers[WEBHOOK_HEADERS.delivery])).size).toBe(2);
  }, 120_000);

  it('lists the webhook without its secret or URL token, and audits who added it', async () => {
    // Reads only: they run side by side.
    const reads = await Promise.all(
      [['webhooks', 'list'], ['webhooks', 'list', '--json'], ['subscriptions', 'list', '--json'], ['audit']].map((args) => cli(...args)),
    );
    for (const r of reads) {
      expect(r.code, r.err).toBe(0);
      expect(r.out).not.toContain(secret);
      expect(r.out).not.toContain('t0ps3cret');
    }
    const list = reads[0]!;
    expect(list.out).toMatch(/^webhook #1 http:\/\/127\.0\.0\.1:\d+\/hooks\/storywatch\?… \(added by cli:/m);
    expect(list.out).toContain('→ iran-pakistan-2024: alerts on, digest 08:00 Asia/Karachi, active');
    const store = openSqliteStore(path.join(dir, 'sw.db'));
    try {
      const audit = (await store.listAudit()).find((a) => a.action === 'webhook.add');
      expect(audit).toMatchObject({ platform: 'cli', target: 'webhook #1 → iran-pakistan-2024', outcome: 'ok' });
      expect(audit?.detail).not.toContain('t0ps3cret');
    } finally {
      await store.close();
    }
  }, 60_000);

  it('sends the digest on demand, then removes the webhook keeping its record', async () => {
    const digest = await cli('digest', '--now');
    expect(digest.out, digest.err).toContain('Digest: 1 queued; 1 sent');
    expect(receiver.accepted().at(-1)?.headers[WEBHOOK_HEADERS.event]).toBe('digest');
    const removed = await cli('webhooks', 'remove', '1');
    expect(removed.out, removed.err).toContain('Removed webhook #1 → all stories: 1 subscription(s) stopped');
    expect((await cli('webhooks', 'list')).out).toMatch(/→ iran-pakistan-2024: .*REMOVED by cli:/);
    expect(await cli('webhooks', 'remove', '9')).toMatchObject({ code: 2, err: expect.stringContaining('WEBHOOK_NOT_FOUND: no webhook #9') });
  }, 60_000);

  it('refuses a bad URL, a private address, and flags that deliver nothing, naming what was expected', async () => {
    const story = ['--story', 'iran-pakistan-2024'];
    // Each refusal changes nothing, so they run side by side.
    const [scheme, notUrl, noAlerts, digest, noStory] = await Promise.all([
      cli('webhooks', 'add', 'ftp://hooks.example/x', ...story),
      cli('webhooks', 'add', 'not a url', ...story),
      cli('webhooks', 'add', 'https://hooks.example/x', ...story, '--no-alerts'),
      cli('webhooks', 'add', 'https://hooks.example/x', ...story, '--digest', '8am'),
      cli('webhooks', 'add', 'https://hooks.example/x', '--story', 'nope'),
    ]);
    expect(scheme).toMatchObject({
      code: 2,
      err: expect.stringContaining('WEBHOOK_INVALID: <url>: unsupported scheme ftp:'),
    });
    expect(notUrl).toMatchObject({ code: 2, err: expect.stringContaining('WEBHOOK_INVALID: <url>: not a URL') });
    expect(noAlerts).toMatchObject({
      code: 2,
      err: expect.stringContaining('--alerts: with --no-alerts, give --digest'),
    });
    expect(digest).toMatchObject({
      code: 2,
      err: expect.stringContaining('--digest: expected a local time'),
    });
    expect(noStory).toMatchObject({
      code: 2,
      err: expect.stringContaining('STORY_NOT_FOUND'),
    });
    // Without allowPrivateNetworks, the feed fetcher's guard refuses loopback and private hosts.
    writeFileSync(path.join(dir, 'config', 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: false\n');
    const privates = ['http://127.0.0.1:9/in', 'http://[::1]/in', 'http://10.1.2.3/in', 'http://localhost./in'];
    for (const refused of await Promise.all(privates.map((url) => cli('webhooks', 'add', url, ...story)))) {
      expect(refused).toMatchObject({ code: 2, err: expect.stringContaining('is not a public address') });
    }
    const lists = await Promise.all([cli('webhooks', 'list', '--json'), cli('webhooks', 'list', '--json')]);
    expect(lists[0].out).toMatch(/"id": 1/);
    expect(JSON.parse(lists[1].out)).toHaveLength(1);
  }, 90_000);
});
