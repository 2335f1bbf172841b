import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/core/logger.js';
import type { Item } from '../src/core/item.js';
import { processItem } from '../src/pipeline/process-item.js';
import { latestSchemaVersion, migrations } from '../src/store/migrations/index.js';
import type { Store } from '../src/store/ports.js';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { createTestSchema, PG_URL, queryRows, type TestSchema } from './helpers/postgres.js';
import { bundledStory, seedItems } from './helpers/stories.js';
import { storeContract } from './store-contract.js';
import { expectTokenStopsRestored, seedOldTokenStops, UNAPPLY_007 } from './helpers/token-stops.js';
import { expectRowsBefore008Read, ROWS_BEFORE_008 } from './helpers/old-database.js';
import { updateTimeline } from '../src/pipeline/detect/update-timeline.js';

const T0 = new Date('2024-01-19T12:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const feed = { url: 'https://www.dawn.com/feeds/home', name: 'Dawn', language: 'en', intervalSec: 600 };

function item(slug: string, title: string, text = `${title}.`): Item {
  const link = `https://www.dawn.com/news/${slug}`;
  const contentHash = createHash('sha256').update(`${title}\n${text}`).digest('hex');
  return { key: `url:${link}`, contentHash, guid: null, link, title, text, lang: 'en', langSource: 'declared', published: null };
}

// One schema for the contract, migrated by its first test and emptied after each one (ids restarted):
// every test still starts on a fresh, empty store, without running all migrations again.
let contractSchema: TestSchema | undefined;
storeContract(
  'PostgreSQL',
  async () => {
    contractSchema ??= await createTestSchema();
    return openPostgresStore(contractSchema.url, { schema: contractSchema.schema });
  },
  async () => {
    await contractSchema?.empty();
  },
);
afterAll(async () => {
  await contractSchema?.drop();
});

describe('PostgreSQL store', () => {
  let schemas: TestSchema[] = [];
  let stores: PostgresStore[] = [];

  async function fresh(options: { create?: boolean } = {}): Promise<string> {
    const created = await createTestSchema(options);
    schemas.push(created);
    return created.schema;
  }

  async function open(schema: string, poolSize?: number): Promise<PostgresStore> {
    const store = await openPostgresStore(PG_URL, { schema, ...(poolSize === undefined ? {} : { poolSize }) });
    stores.push(store);
    return store;
  }

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(schemas.splice(0).map((s) => s.drop()));
    stores = [];
    schemas = [];
  });

  const appliedMigrations = (schema: string) =>
    queryRows<{ version: number; name: string; applied_at: string }>(schema, 'SELECT version, name, applied_at FROM schema_migrations ORDER BY version');

  it('migrates once when several workers open a new schema at the same moment, and again finds nothing to do', async () => {
    const schema = await fresh({ create: false });
    await Promise.all([open(schema), open(schema), open(schema)]);
    const rows = await appliedMigrations(schema);
    expect(rows.map(({ version, name }) => ({ version, name }))).toEqual(migrations.map(({ version, name }) => ({ version, name })));
    await open(schema);
    expect(await appliedMigrations(schema)).toEqual(rows);
  });

  it('migration 007 makes subscriptions stopped for a refused token active again, with their dropped messages pending', async () => {
    const schema = await fresh();
    const before = await open(schema);
    const ids = await seedOldTokenStops(before);
    await queryRows(schema, UNAPPLY_007);
    await expectTokenStopsRestored(await open(schema), ids);
  });

  it('converts a database made by migrations 001–007 to timestamptz, boolean and jsonb, keeping every value', async () => {
    const schema = await fresh();
    await queryRows(schema, 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    for (const m of migrations.filter((m) => m.version <= 7)) {
      await queryRows(schema, m.postgres);
      await queryRows(schema, 'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, 0)', [m.version, m.name]);
    }
    await queryRows(schema, ROWS_BEFORE_008);
    await expectRowsBefore008Read(await open(schema));
    const types = await queryRows<{ column_name: string; data_type: string }>(
      schema,
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'feeds' AND column_name IN ('next_check_at', 'baseline_done') ORDER BY column_name",
      [schema],
    );
    expect(types).toEqual([
      { column_name: 'baseline_done', data_type: 'boolean' },
      { column_name: 'next_check_at', data_type: 'timestamp with time zone' },
    ]);
  });

  it('refuses a database migrated by a newer version with STORE_SCHEMA_TOO_NEW, changing nothing', async () => {
    const schema = await fresh();
    await (await open(schema)).close();
    const future = latestSchemaVersion + 995;
    await queryRows(schema, 'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [future, 'future', 0]);
    await expect(openPostgresStore(PG_URL, { schema })).rejects.toThrow(
      expect.objectContaining({ code: 'STORE_SCHEMA_TOO_NEW', message: expect.stringContaining(`version ${future}`) }),
    );
    expect((await appliedMigrations(schema)).map((r) => r.version)).toEqual([...migrations.map((m) => m.version), future]);
  });

  it('keeps each store in its schema and reads BIGINT as numbers without changing pg’s global parser', async () => {
    const [one, two] = [await open(await fresh()), await open(await fresh())];
    const added = await one.addFeed(feed, T0);
    expect(added.ok && typeof added.value.id).toBe('number');
    expect(await two.listFeeds()).toEqual([]);
    expect(await one.countItems()).toBe(0);
    expect(pg.types.getTypeParser(20)('42')).toBe('42');
    await expect(openPostgresStore(PG_URL, { schema: 'Bad; DROP' })).rejects.toThrow(/STORE_SCHEMA_NAME_INVALID/);
  });

  it('enforces foreign keys and stores text with U+0000 (dropped) rather than failing the batch', async () => {
    const store = await open(await fresh());
    await expect(store.insertItems(404, [item('1', 'Orphan')], T0)).rejects.toThrow(/foreign key/);
    const added = await store.addFeed(feed, T0);
    if (!added.ok) throw new Error(added.error.code);
    const stored = await store.insertItems(added.value.id, [item('2', 'Pakistan\u0000 recalls envoy'), item('3', 'Talks')], T0);
    expect(stored.map((i) => i.title)).toEqual(['Pakistan recalls envoy', 'Talks']);
  });

  it('stores each item once when two workers insert overlapping batches at the same moment', async () => {
    const schema = await fresh();
    const [a, b] = [await open(schema), await open(schema)];
    const added = await a.addFeed(feed, T0);
    if (!added.ok) throw new Error(added.error.code);
    const items = Array.from({ length: 40 }, (_, n) => item(`n${n}`, `Report ${n}`));
    const [fromA, fromB] = await Promise.all([a.insertItems(added.value.id, items, T0), b.insertItems(added.value.id, [...items].reverse(), T0)]);
    const keys = [...fromA, ...fromB].map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(items.map((i) => i.key).sort());
    expect(await a.countItems()).toBe(40);
  });

  it('creates a development reported by two workers at the same moment once, with one alert and one message per channel', async () => {
    const story = bundledStory('iran-pakistan-2024');
    const seeds = seedItems();
    // Two seeds that report the same four developments (D1–D4), in Vietnamese and Chinese.
    const vi = seeds.find((s) => s.file.startsWith('000'));
    const zh = seeds.find((s) => s.file.startsWith('004'));
    if (!vi || !zh) throw new Error('seeds 000 and 004 are missing');
    const log = createLogger('silent');
    for (let round = 0; round < 5; round += 1) {
      const schema = await fresh();
      const [a, b] = await Promise.all([open(schema, 4), open(schema, 4)]);
      const added = await a.addFeed({ url: 'https://seeds.example/feed', name: 'Seeds', intervalSec: 600 }, T0);
      if (!added.ok) throw new Error(added.error.code);
      const base = { storyId: story.config.id, alerts: true, digestTime: null, timeZone: null };
      const discord = await a.subscribe({ ...base, platform: 'discord', channelId: '112233445566778899' }, T0);
      const slack = await b.subscribe({ ...base, platform: 'slack', channelId: 'C0STORYWATCH' }, T0);
      await a.subscribe({ ...base, platform: 'slack', channelId: 'C0DIGESTONLY', alerts: false, digestTime: '08:00', timeZone: 'UTC' }, T0);

      const [fromVi, fromZh] = await Promise.all([
        processItem(vi, added.value.id, [story], { store: a, log, now: at(1) }),
        processItem(zh, added.value.id, [story], { store: b, log, now: at(1) }),
      ]);

      const itemIds = [fromVi.stored?.id, fromZh.stored?.id].sort();
      const developments = await a.listDevelopments(story.config.id);
      expect(developments.map((d) => `${d.date} ${d.kind}`)).toEqual([
        '2024-01-16 military_strike',
        '2024-01-17 diplomatic_protest',
        '2024-01-18 military_strike',
        '2024-01-19 de_escalation',
      ]);
      expect(developments.every((d) => JSON.stringify([...d.sources].sort()) === JSON.stringify(itemIds))).toBe(true);
      const created = [fromVi, fromZh].map((r) => r.detections.reduce((n, d) => n + d.created.length, 0)).sort();
      expect(created).toEqual([0, 4]);
      const alerts = await b.listAlerts(story.config.id);
      expect(alerts).toHaveLength(1);
      const outbox = await a.listOutbox();
      expect(outbox.map((r) => [r.kind, r.alertId, r.subscriptionId])).toEqual([
        ['alert', alerts[0]?.id, discord.id],
        ['alert', alerts[0]?.id, slack.id],
      ]);
    }
  });
});

interface Backend {
  name: string;
  open: () => Promise<{ store: Store; done: () => Promise<void> }>;
}

const backends: Backend[] = [
  { name: 'SQLite', open: async () => ({ store: openSqliteStore(':memory:'), done: async () => undefined }) },
  {
    name: 'PostgreSQL',
    open: async () => {
      const schema = await createTestSchema();
      return { store: await openPostgresStore(schema.url, { schema: schema.schema }), done: schema.drop };
    },
  },
];

describe.each(backends)('subscriptions and outbox, identical on $name', ({ open }) => {
  let store: Store;
  let done: () => Promise<void>;
  const base = { storyId: 'story-one', alerts: true, digestTime: null, timeZone: null };
  const strike = {
    storyId: 'story-one',
    kind: 'military_strike' as const,
    kinds: ['military_strike' as const],
    date: '2024-01-16',
    actors: ['a', 'b'],
    label: 'military strike: A → B',
    summary: 'A struck B.',
    summaryLang: 'en',
  };

  beforeEach(async () => {
    ({ store, done } = await open());
  });
  afterEach(async () => {
    await store.close();
    await done();
  });

  it('upserts, stops, revives and removes subscriptions', async () => {
    const first = await store.subscribe({ ...base, platform: 'discord', channelId: '1' }, T0);
    const changed = await store.subscribe(
      { ...base, platform: 'discord', channelId: '1', alerts: false, digestTime: '08:00', timeZone: 'Asia/Karachi' },
      at(5),
    );
    expect(changed).toEqual({ ...first, alerts: false, digestTime: '08:00', timeZone: 'Asia/Karachi' });
    await store.stopSubscription(first.id, 'channel gone');
    expect(await store.getSubscription(first.id)).toMatchObject({ status: 'stopped', stoppedReason: 'channel gone' });
    expect(await store.subscribe({ ...base, platform: 'discord', channelId: '1' }, at(9))).toMatchObject({
      id: first.id,
      status: 'active',
      stoppedReason: null,
      createdAt: T0,
    });
    const other = await store.subscribe({ ...base, platform: 'slack', channelId: '1', storyId: 'story-two' }, T0);
    const third = await store.subscribe({ ...base, platform: 'slack', channelId: '1' }, T0);
    expect((await store.listSubscriptions()).map((s) => s.id)).toEqual([first.id, other.id, third.id]);
    expect(await store.unsubscribe('slack', '1', 'story-none')).toBe(0);
    expect(await store.unsubscribe('slack', '1', undefined, { at: at(10), userId: 'U1' })).toBe(2);
    expect(await store.getSubscription(other.id)).toMatchObject({
      status: 'stopped',
      stoppedReason: 'unsubscribed',
      unsubscribedAt: at(10),
      unsubscribedBy: 'U1',
    });
    expect((await store.listSubscriptions()).filter((s) => s.status === 'active').map((s) => s.id)).toEqual([first.id]);
  });

  it('fans alerts out to active alert subscriptions, keeps digests unique per day, and serves the outbox in channel order', async () => {
    const added = await store.addFeed(feed, T0);
    if (!added.ok) throw new Error(added.error.code);
    const [first, second] = await store.insertItems(added.value.id, [item('1', 'Strike'), item('2', 'Strike again')], T0);
    if (!first || !second) throw new Error('items not stored');
    const s1 = await store.subscribe({ ...base, platform: 'discord', channelId: 'd1' }, T0);
    const s2 = await store.subscribe({ ...base, platform: 'slack', channelId: 's1' }, T0);
    const s3 = await store.subscribe({ ...base, platform: 'discord', channelId: 'd2', alerts: false, digestTime: '08:00', timeZone: 'UTC' }, T0);
    const s4 = await store.subscribe({ ...base, platform: 'slack', channelId: 's2' }, T0);
    await store.stopSubscription(s4.id, 'token revoked');

    const up = await updateTimeline(store, 'story-one', { id: first.id, lang: 'en' }, at(1), () => ({ attach: [], create: [strike] }), true);
    const digests = await store.enqueueDigests([
      { subscriptionId: s3.id, day: '2024-01-20', at: at(2) },
      { subscriptionId: s3.id, day: '2024-01-20', at: at(3) },
      { subscriptionId: s1.id, day: null, at: at(2) },
    ]);
    expect(digests.map((r) => [r.kind, r.subscriptionId, r.key, r.digestDay, r.digestUntil])).toEqual([
      ['digest', s3.id, `digest:${s3.id}:2024-01-20`, '2024-01-20', at(2)],
      ['digest', s1.id, `digest-now:${s1.id}:${at(2).getTime()}`, null, at(2)],
    ]);
    expect(await store.enqueueDigests([{ subscriptionId: s3.id, day: '2024-01-20', at: at(4) }])).toEqual([]);
    const outbox = await store.listOutbox();
    expect(outbox.map((r) => [r.kind, r.subscriptionId, r.alertId, r.status, r.needsUpdate])).toEqual([
      ['alert', s1.id, up.alertId, 'pending', false],
      ['alert', s2.id, up.alertId, 'pending', false],
      ['digest', s3.id, null, 'pending', false],
      ['digest', s1.id, null, 'pending', false],
    ]);
    const [a1, a2, d3, d1] = outbox.map((r) => r.id) as [number, number, number, number];
    const due = async (minutes: number, limit = 10) => (await store.dueOutbox(at(minutes), limit)).map((r) => r.id);
    expect(await due(1)).toEqual([a1, a2]);
    expect(await due(5)).toEqual([a1, a2, d3]);
    expect(await due(5, 1)).toEqual([a1]);

    await store.recordDelivery(a1, { status: 'sent', attempts: 1, sent: { messageId: 'm1', messageIds: ['m1'] }, sentAt: at(5) });
    await store.recordDelivery(a2, { status: 'pending', attempts: 1, nextAttemptAt: at(30), lastError: 'SLACK_RATE_LIMITED' });
    expect(await due(6)).toEqual([d3, d1]);
    expect(await due(30)).toEqual([a2, d3, d1]);

    await updateTimeline(store, 'story-one', { id: second.id, lang: 'en' }, at(7), (timeline) => ({ attach: timeline.map((d) => d.id), create: [] }), true);
    const marked = (await store.listOutbox()).filter((r) => r.needsUpdate).map((r) => r.id);
    expect(marked).toEqual([a1]);
    expect(await due(8)).toEqual([a1, d3, d1]);
    await store.recordDelivery(a1, { status: 'sent', needsUpdate: false });
    expect((await store.listOutbox())[0]).toMatchObject({
      id: a1,
      status: 'sent',
      attempts: 1,
      messageId: 'm1',
      messageIds: ['m1'],
      needsUpdate: false,
      sentAt: at(5),
    });
    expect(await due(8)).toEqual([d3, d1]);

    await store.recordDelivery(d3, {
      status: 'sent',
      sentAt: at(9),
      sent: { messageId: 'x', messageIds: ['x', 'y'] },
      digestSent: { subscriptionId: s3.id, until: at(2) },
    });
    await store.recordDelivery(d3, { status: 'sent', digestSent: { subscriptionId: s3.id, until: at(1) } });
    expect((await store.getSubscription(s3.id))?.lastDigestAt).toEqual(at(2));
    expect((await store.listOutbox()).find((r) => r.id === d3)).toMatchObject({ messageIds: ['x', 'y'], sentAt: at(9), lastError: null });

    // Two dispatchers read d1 at once: one claim wins, and the row is not due until it lapses.
    const [row] = (await store.dueOutbox(at(10), 10)).filter((r) => r.id === d1);
    const claims = await Promise.all([store.claimOutbox(d1, row!.nextAttemptAt, at(12)), store.claimOutbox(d1, row!.nextAttemptAt, at(12))]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await due(11)).toEqual([]);
    expect(await due(12)).toEqual([d1]);
  });
});
