import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookSender } from '../src/adapters/webhook/webhook-sender.js';
import type { WebhookPayload } from '../src/adapters/webhook/webhook-payload.js';
import { ManualClock } from '../src/core/clock.js';
import { createLogger } from '../src/core/logger.js';
import type { Item } from '../src/core/item.js';
import type { Subscription } from '../src/core/subscription.js';
import { newWebhookSecret, signWebhook, verifyWebhook, WEBHOOK_HEADERS, type WebhookTarget } from '../src/core/webhook.js';
import { buildMessage, passSnapshot } from '../src/delivery/build-message.js';
import { Dispatcher, EDIT_INTERVAL_MS } from '../src/delivery/dispatch.js';
import { processItem } from '../src/pipeline/process-item.js';
import { openSqliteStore, type SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { listenLocal } from './fakes/listen-local.js';
import { startWebhookReceiver, type ReceiverScript, type WebhookReceiver } from './fakes/webhook-receiver.js';
import { bundledStory, seedItems } from './helpers/stories.js';

const T0 = new Date('2024-01-19T12:00:00Z');
/** The seeds in the order the dispatch tests use: the first brings D1–D4, the last the talks of 29 January (D5). */
const ORDER = ['000', '001', '003', '004', '002'];

describe('webhooks out: signed JSON through the outbox (decision 030)', () => {
  const story = bundledStory('iran-pakistan-2024');
  let dir: string;
  let store: SqliteStore;
  let clock: ManualClock;
  let receiver: WebhookReceiver;
  let target: WebhookTarget;
  let sub: Subscription;
  let feedId: number;
  let logs: Record<string, unknown>[];
  const secret = newWebhookSecret();

  const sender = (allowPrivateNetworks = true) => createWebhookSender({ store, stories: [story.config], limits: { allowPrivateNetworks, timeoutMs: 2000 } });
  const dispatcher = (webhook = sender()) =>
    new Dispatcher({
      store,
      senders: { webhook },
      stories: [story.config],
      clock,
      log: createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) }),
    });
  const seeds = (): (Item & { file: string })[] => seedItems().sort((a, b) => ORDER.indexOf(a.file.slice(0, 3)) - ORDER.indexOf(b.file.slice(0, 3)));
  const ingest = (item: Item) => processItem(item, feedId, [story], { store, log: createLogger('silent'), now: clock.now() });
  const payloads = (list = receiver.accepted()) => list.map((r) => JSON.parse(r.body) as WebhookPayload);
  const dates = (p: WebhookPayload) => (p.alert?.developments ?? []).map((d) => d.date).sort();
  /** Every seed in turn, each followed by a dispatch pass after the edit interval; returns how many edits the passes made. */
  const replayAll = async (d = dispatcher()) => {
    let edited = 0;
    for (const item of seeds()) {
      await ingest(item);
      clock.advance(EDIT_INTERVAL_MS + 1);
      edited += (await d.dispatchDue()).edited;
    }
    clock.advance(EDIT_INTERVAL_MS + 1);
    return edited + (await d.dispatchDue()).edited;
  };
  const start = async (script?: ReceiverScript) => {
    receiver = await startWebhookReceiver(() => secret, script);
    target = await store.addWebhookTarget({ url: receiver.url, secret, tenantId: null, createdBy: 'cli:test', createdAt: T0 });
    sub = await store.subscribe(
      { platform: 'webhook', channelId: String(target.id), storyId: story.config.id, alerts: true, digestTime: null, timeZone: null },
      T0,
    );
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'storywatch-webhooks-'));
    store = openSqliteStore(path.join(dir, 'w.db'));
    clock = new ManualClock(T0);
    logs = [];
    const feed = await store.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 600 }, T0);
    if (!feed.ok) throw new Error(feed.error.message);
    feedId = feed.value.id;
  });
  afterEach(async () => {
    await store.close();
    await receiver?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers the seed replay as two signed alerts, D1–D4 then D5, once each, with every source', async () => {
    await start();
    // Later sources of D1–D4 would edit a chat alert: a webhook's is an event, never edited.
    expect(await replayAll()).toBe(0);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
    expect(receiver.received).toHaveLength(2);
    const [first, second] = payloads();
    expect(first).toMatchObject({ version: 1, event: 'alert.created', story: { id: 'iran-pakistan-2024', title: story.config.title } });
    expect(dates(first!)).toEqual(['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19']);
    expect(dates(second!)).toEqual(['2024-01-29']);
    const strike = first!.alert!.developments.find((d) => d.date === '2024-01-16')!;
    expect(strike).toMatchObject({ kind: 'military_strike', actors: ['Iran', 'Pakistan'] });
    expect(strike.summaryLanguage).toMatch(/^[a-z]{2,3}$/);
    // The seeds carry no links: a source says so (null) rather than leaving the field out.
    expect(strike.sources.length).toBeGreaterThanOrEqual(1);
    expect(strike.sources[0]).toEqual({
      outlet: 'Seeds',
      language: expect.stringMatching(/^[a-z]{2,3}$/),
      title: expect.any(String),
      link: null,
      published: expect.any(String),
    });
    expect(first!.alert!.source.outlet).toBe('Seeds');
    // The headers: JSON, the event, and the outbox key as the delivery id, in the body too.
    const rows = (await store.listOutbox()).filter((r) => r.kind === 'alert');
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    for (const [i, r] of receiver.received.entries()) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers[WEBHOOK_HEADERS.event]).toBe('alert.created');
      expect(r.headers[WEBHOOK_HEADERS.delivery]).toBe(rows[i]?.key);
      expect(payloads([r])[0]?.delivery).toBe(rows[i]?.key);
      expect(r.headers[WEBHOOK_HEADERS.signature]).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(r.path).toBe('/hooks/storywatch?token=t0ps3cret');
    }
    // Nothing is sent twice.
    clock.advance(EDIT_INTERVAL_MS + 1);
    expect(await dispatcher().dispatchDue()).toMatchObject({ sent: 0, edited: 0 });
    expect(receiver.received).toHaveLength(2);
    expect(JSON.stringify(logs)).not.toContain(secret);
    expect(JSON.stringify(logs)).not.toContain('t0ps3cret');
  });

  it('sends a digest as its own signed event', async () => {
    await start();
    await replayAll();
    await store.enqueueDigests([{ subscriptionId: sub.id, day: null, at: clock.now() }]);
    await dispatcher().dispatchDue();
    const digest = payloads().at(-1)!;
    expect(digest.event).toBe('digest');
    expect(receiver.received.at(-1)?.headers[WEBHOOK_HEADERS.event]).toBe('digest');
    expect(digest.digest?.developments.map((d) => d.date).sort()).toEqual(['2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-29']);
    expect(digest.digest?.latest?.date).toBe('2024-01-29');
    // By now the developments have their later sources, in several languages.
    expect(new Set(digest.digest?.developments.flatMap((d) => d.sources.map((x) => x.language))).size).toBeGreaterThan(1);
  });

  it('retries a 500 with backoff and a 429 after its Retry-After, and the receiver gets each alert once', async () => {
    await start((n) => (n === 0 ? { status: 500, body: 'upstream down' } : n === 1 ? { status: 429, headers: { 'retry-after': '7' } } : { status: 200 }));
    await ingest(seeds()[0]!);
    const d = dispatcher();
    expect(await d.dispatchDue()).toMatchObject({ sent: 0, retrying: 1 });
    let [row] = await store.listOutbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/^WEBHOOK_HTTP_500: HTTP 500 .*upstream down/) });
    expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(5_000);
    clock.advance(5_000);
    expect(await d.dispatchDue()).toMatchObject({ sent: 0, retrying: 1 });
    [row] = await store.listOutbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 2, lastError: expect.stringMatching(/^WEBHOOK_RATE_LIMITED/) });
    expect(row!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(7_000);
    clock.advance(6_999);
    expect(await d.dispatchDue()).toMatchObject({ sent: 0, retrying: 0 });
    clock.advance(1);
    expect(await d.dispatchDue()).toMatchObject({ sent: 1 });
    expect(receiver.received.map((r) => r.status)).toEqual([500, 429, 200]);
    expect(new Set(receiver.received.map((r) => r.headers[WEBHOOK_HEADERS.delivery])).size).toBe(1);
    expect(receiver.accepted()).toHaveLength(1);
    expect((await store.listOutbox())[0]).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('fails a message the receiver refuses with 400, with the reason logged for its subscription, and goes on with the next', async () => {
    await start((n) => (n === 0 ? { status: 400, body: '{"error":"unknown story"}' } : { status: 202 }));
    await replayAll();
    for (let i = 0; i < 5; i += 1) {
      clock.advance(15 * 60_000);
      await dispatcher().dispatchDue();
    }
    const rows = (await store.listOutbox()).filter((r) => r.kind === 'alert');
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['failed', 0],
      ['sent', 1],
    ]);
    expect(rows[0]?.lastError).toBe(
      `WEBHOOK_HTTP_400: HTTP 400 Bad Request from webhook #${target.id} (${new URL(receiver.url).origin}): {"error":"unknown story"}`,
    );
    expect(receiver.received.map((r) => r.status)).toEqual([400, 202]);
    expect(dates(payloads()[0]!)).toEqual(['2024-01-29']);
    const logged = logs.find((l) => l.code === 'WEBHOOK_HTTP_400');
    expect(logged).toMatchObject({ level: 50, channel: `webhook:${target.id}`, subscription: sub.id, story: 'iran-pakistan-2024', outbox: rows[0]?.id });
    expect((await store.getSubscription(sub.id))?.status).toBe('active');
  });

  it('stops the subscription when the receiver answers 410 Gone, dropping what waits with the reason, never retrying', async () => {
    await start(() => ({ status: 410, body: 'gone' }));
    for (const item of seeds()) await ingest(item);
    for (let i = 0; i < 3; i += 1) {
      clock.advance(15 * 60_000);
      await dispatcher().dispatchDue();
    }
    expect(receiver.received.map((r) => r.status)).toEqual([410]);
    const stopped = await store.getSubscription(sub.id);
    expect(stopped).toMatchObject({ status: 'stopped', stoppedReason: expect.stringMatching(/^WEBHOOK_CHANNEL_GONE: HTTP 410 Gone/) });
    const rows = (await store.listOutbox()).filter((r) => r.kind === 'alert');
    expect(rows.map((r) => r.status)).toEqual(['dropped', 'dropped']);
    expect(rows[1]?.lastError).toMatch(/^subscription stopped: WEBHOOK_CHANNEL_GONE/);
    expect(logs.find((l) => l.code === 'WEBHOOK_CHANNEL_GONE')).toMatchObject({ level: 50, subscription: sub.id });
  });

  it('a restart between the send and its record posts again with the same delivery id, which the receiver drops', async () => {
    await start();
    await ingest(seeds()[0]!);
    // A dispatcher claims the row and sends it, then the process dies before recording the outcome.
    const [row] = await store.dueOutbox(clock.now(), 10);
    expect(await store.claimOutbox(row!.id, row!.nextAttemptAt, new Date(clock.now().getTime() + 120_000))).toBe(true);
    const message = await buildMessage(passSnapshot(store), story.config, sub, row!);
    expect((await sender().send(sub.channelId, message!, row!.key)).ok).toBe(true);
    // Another process starts; while the claim holds it sends nothing, once it has lapsed it sends again.
    expect(await dispatcher().dispatchDue()).toMatchObject({ sent: 0 });
    clock.advance(120_001);
    expect(await dispatcher().dispatchDue()).toMatchObject({ sent: 1 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.map((r) => r.headers[WEBHOOK_HEADERS.delivery])).toEqual([row!.key, row!.key]);
    expect(receiver.accepted()).toHaveLength(1);
    expect(receiver.received[1]?.repeat).toBe(true);
    expect((await store.listOutbox())[0]).toMatchObject({ status: 'sent' });
  });

  it('refuses a private address unless private networks are allowed, stopping the subscription before any traffic', async () => {
    await start();
    await ingest(seeds()[0]!);
    await dispatcher(sender(false)).dispatchDue();
    expect(receiver.received).toEqual([]);
    expect((await store.getSubscription(sub.id))?.stoppedReason).toMatch(
      /^WEBHOOK_FORBIDDEN: refused to post to webhook #\d+ \(http:\/\/127\.0\.0\.1:\d+\) \(127\.0\.0\.1\): not a public address/,
    );
  });

  it('retries a receiver that is not listening, and one that does not answer in time', async () => {
    await start();
    await receiver.close();
    await ingest(seeds()[0]!);
    await dispatcher().dispatchDue();
    expect((await store.listOutbox())[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringMatching(/^WEBHOOK_NETWORK: .*ECONNREFUSED/),
    });
    const silent = await listenLocal(createServer(() => undefined));
    try {
      await store.transaction(async (tx) => {
        const slow = await tx.addWebhookTarget({ url: `${silent.origin}/in`, secret, tenantId: null, createdBy: 'cli:test', createdAt: T0 });
        await tx.subscribe(
          { platform: 'webhook', channelId: String(slow.id), storyId: story.config.id, alerts: false, digestTime: '08:00', timeZone: 'UTC' },
          T0,
        );
      });
      const slowSub = (await store.listSubscriptions()).at(-1)!;
      await store.enqueueDigests([{ subscriptionId: slowSub.id, day: null, at: clock.now() }]);
      const quick = createWebhookSender({ store, stories: [story.config], limits: { allowPrivateNetworks: true, timeoutMs: 300 } });
      await dispatcher(quick).dispatchDue();
      const row = (await store.listOutbox()).find((r) => r.subscriptionId === slowSub.id);
      expect(row).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: expect.stringMatching(/^WEBHOOK_TIMEOUT: webhook #\d+ .* did not answer in time/),
      });
    } finally {
      await silent.close();
    }
  });
});

describe('webhook signatures', () => {
  const secret = newWebhookSecret();
  const body = JSON.stringify({ version: 1, event: 'alert.created', summary: 'باكستان تشن ضربات داخل إيران' });
  const now = 1_705_500_000;
  const signature = signWebhook(secret, now, body);

  it('verifies the body it signed, within the tolerance, and nothing else', () => {
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(newWebhookSecret()).not.toBe(secret);
    expect(verifyWebhook(secret, String(now), body, signature, now + 299)).toBe(true);
    expect(verifyWebhook(secret, String(now), body.replace('إيران', 'ايران'), signature, now)).toBe(false);
    expect(verifyWebhook(secret, String(now), `${body} `, signature, now)).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), String(now), body, signature, now)).toBe(false);
    expect(verifyWebhook(secret, String(now + 1), body, signature, now)).toBe(false);
    expect(verifyWebhook(secret, String(now), body, signature, now + 301)).toBe(false);
    expect(verifyWebhook(secret, 'soon', body, signature, now)).toBe(false);
    expect(verifyWebhook(secret, String(now), body, 'v1=00', now)).toBe(false);
  });
});
