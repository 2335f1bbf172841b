import { describe, expect, it } from 'vitest';
import type { FeedInput } from '../src/core/feed.js';
import type { Store, TenantActor } from '../src/store/ports.js';

const T0 = new Date('2024-01-19T12:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const dawn: FeedInput = { url: 'https://www.dawn.com/feeds/world', name: 'Dawn', language: 'en', intervalSec: 600 };
const irna: FeedInput = { url: 'https://www.irna.ir/rss', name: 'IRNA', language: 'fa', intervalSec: 600 };
const guildA: TenantActor = { platform: 'discord', tenantId: '111111111111111111', userId: '900000000000000001' };
const guildB: TenantActor = { platform: 'discord', tenantId: '222222222222222222', userId: '900000000000000002' };
const team: TenantActor = { platform: 'slack', tenantId: 'T0TEAM', userId: 'U0ADMIN' };

/** Contract of feed ownership, soft removal, pausing, unsubscribing and the audit log, for every backend. */
export function tenancyContract(store: () => Store): void {
  describe('tenancy and lifecycle', () => {
    it('keeps one feed per URL with an owner per tenant; a tenant removing it ends only its ownership', async () => {
      const s = store();
      const a = await s.addFeed(dawn, T0, { owner: guildA });
      if (!a.ok) throw new Error(a.error.code);
      expect(a.value).toMatchObject({ operatorOwned: false, origin: 'added', state: 'active', pausedReason: null, removedAt: null });
      const b = await s.addFeed(dawn, at(1), { owner: guildB });
      expect(b.ok && b.value.id).toBe(a.value.id);
      expect(await s.addFeed(dawn, at(2), { owner: guildA })).toMatchObject({ ok: false, error: { code: 'FEED_EXISTS' } });
      expect((await s.listFeedOwners(a.value.id)).map((o) => [o.tenantId, o.addedBy, o.removedAt])).toEqual([
        [guildA.tenantId, guildA.userId, null],
        [guildB.tenantId, guildB.userId, null],
      ]);
      expect(await s.removeFeed(a.value.id, { at: at(3), owner: guildA })).toBe(true);
      expect(await s.removeFeed(a.value.id, { at: at(3), owner: guildA })).toBe(false);
      expect(await s.removeFeed(a.value.id, { at: at(3), owner: team })).toBe(false);
      expect((await s.getFeed(a.value.id))?.state).toBe('active');
      expect(await s.removeFeed(dawn.url, { at: at(4), owner: guildB })).toBe(true);
      expect(await s.getFeed(a.value.id)).toMatchObject({ state: 'removed', removedAt: at(4) });
      expect((await s.listFeedOwners()).map((o) => [o.tenantId, o.removedAt, o.removedBy])).toEqual([
        [guildA.tenantId, at(3), guildA.userId],
        [guildB.tenantId, at(4), guildB.userId],
      ]);
      // Added again by a tenant: the same row comes back, for that tenant only.
      const again = await s.addFeed(dawn, at(5), { owner: guildB });
      expect(again.ok && [again.value.id, again.value.state, again.value.nextCheckAt]).toEqual([a.value.id, 'active', at(5)]);
      expect((await s.listFeedOwners(a.value.id)).filter((o) => o.removedAt === null).map((o) => o.tenantId)).toEqual([guildB.tenantId]);
    });

    it('keeps operator-level feeds for operators: a tenant owning one too cannot stop it; an operator removal ends every ownership', async () => {
      const s = store();
      const op = await s.addFeed(irna, T0);
      if (!op.ok) throw new Error(op.error.code);
      expect(op.value.operatorOwned).toBe(true);
      expect(await s.addFeed(irna, at(1))).toMatchObject({ ok: false, error: { code: 'FEED_EXISTS' } });
      expect((await s.addFeed(irna, at(1), { owner: team })).ok).toBe(true);
      expect(await s.removeFeed(irna.url, { at: at(2), owner: team })).toBe(true);
      expect((await s.getFeed(op.value.id))?.state).toBe('active');
      // A tenant's feed that an operator adds becomes operator-level.
      const t = await s.addFeed(dawn, T0, { owner: guildA });
      const promoted = await s.addFeed(dawn, at(1));
      expect(promoted.ok && promoted.value.id).toBe(t.ok && t.value.id);
      expect(promoted.ok && promoted.value.operatorOwned).toBe(true);
      expect(await s.removeFeed(dawn.url, { at: at(3) })).toBe(true);
      expect(await s.removeFeed(dawn.url, { at: at(4) })).toBe(false);
      expect((await s.listFeedOwners(t.ok ? t.value.id : -1)).map((o) => [o.removedAt, o.removedBy])).toEqual([[at(3), 'operator']]);
    });

    it('polls only active feeds: paused and removed ones are neither due nor claimable, and resume when set active', async () => {
      const s = store();
      const a = await s.addFeed(dawn, T0);
      const b = await s.addFeed(irna, T0);
      if (!a.ok || !b.ok) throw new Error('not added');
      expect(await s.setFeedState(a.value.id, 'paused', 'FEED_HTTP_410', at(1))).toMatchObject({ state: 'paused', pausedReason: 'FEED_HTTP_410' });
      await s.removeFeed(b.value.id, { at: at(1) });
      expect(await s.dueFeeds(at(10))).toEqual([]);
      expect(await s.claimFeed(a.value.id, at(10), at(11))).toBeNull();
      expect(await s.claimFeed(b.value.id, at(10), at(11))).toBeNull();
      expect(await s.setFeedState(a.value.id, 'active', null, at(12))).toMatchObject({
        state: 'active',
        pausedReason: null,
        nextCheckAt: at(12),
        operatorOwned: true,
      });
      expect((await s.dueFeeds(at(12))).map((f) => f.id)).toEqual([a.value.id]);
      expect(await s.setFeedState(b.value.id, 'paused', 'X', at(13))).toBeNull();
      expect(await s.setFeedState(9999, 'active', null, at(13))).toBeNull();
    });

    it('pauses a feed from recordFetch, counting consecutive 404s, and never turns a removed feed into a paused one', async () => {
      const s = store();
      const a = await s.addFeed(dawn, T0);
      const b = await s.addFeed(irna, T0);
      if (!a.ok || !b.ok) throw new Error('not added');
      const gone = { at: at(1), status: 'error' as const, errorCode: 'FEED_HTTP_404', error: 'HTTP 404', errorCount: 1, nextCheckAt: at(11) };
      await s.recordFetch(a.value.id, { ...gone, notFoundCount: 1 });
      expect(await s.getFeed(a.value.id)).toMatchObject({ state: 'active', notFoundCount: 1 });
      await s.recordFetch(a.value.id, { ...gone, notFoundCount: 2, pause: 'FEED_HTTP_404' });
      expect(await s.getFeed(a.value.id)).toMatchObject({ state: 'paused', pausedReason: 'FEED_HTTP_404', notFoundCount: 2, lastErrorCode: 'FEED_HTTP_404' });
      await s.removeFeed(b.value.id, { at: at(1) });
      await s.recordFetch(b.value.id, { ...gone, pause: 'FEED_HTTP_410' });
      expect(await s.getFeed(b.value.id)).toMatchObject({ state: 'removed', pausedReason: null, notFoundCount: 0 });
    });

    it('pauses config feeds dropped from feeds.yml, resumes them when listed again, and leaves added feeds alone', async () => {
      const s = store();
      const added = await s.addFeed(irna, T0);
      await s.syncFeeds([dawn], T0);
      expect(await s.getFeed(dawn.url)).toMatchObject({ origin: 'config', operatorOwned: true, state: 'active' });
      await s.syncFeeds([], at(1));
      expect(await s.getFeed(dawn.url)).toMatchObject({ state: 'paused', pausedReason: 'FEED_NOT_IN_CONFIG' });
      expect((await s.getFeed(irna.url))?.state).toBe('active');
      expect((await s.dueFeeds(at(2))).map((f) => f.url)).toEqual([irna.url]);
      const back = await s.syncFeeds([dawn], at(3));
      expect(back[0]).toMatchObject({ state: 'active', pausedReason: null, nextCheckAt: at(3) });
      // Removed by an operator, it comes back with feeds.yml; paused for another reason, it stays paused.
      await s.removeFeed(dawn.url, { at: at(4) });
      expect((await s.syncFeeds([dawn], at(5)))[0]?.state).toBe('active');
      if (added.ok) await s.setFeedState(added.value.id, 'paused', 'FEED_HTTP_410', at(5));
      expect((await s.syncFeeds([dawn, irna], at(6)))[1]).toMatchObject({ state: 'paused', pausedReason: 'FEED_HTTP_410', origin: 'config' });
    });

    it('unsubscribes without deleting: the row is stopped with who and when, its pending messages dropped, and subscribing again revives it', async () => {
      const s = store();
      const input = {
        platform: 'slack' as const,
        channelId: 'C0NEWS',
        storyId: 'story-one',
        alerts: true,
        digestTime: '08:00',
        timeZone: 'UTC',
        tenantId: 'T0TEAM',
      };
      const sub = await s.subscribe(input, T0);
      expect(sub).toMatchObject({ tenantId: 'T0TEAM', unsubscribedAt: null, unsubscribedBy: null });
      const [row] = await s.enqueueDigests([{ subscriptionId: sub.id, day: '2024-01-19', at: at(1) }]);
      expect(await s.unsubscribe('slack', 'C0NEWS', undefined, { at: at(2), userId: 'U0ADMIN' })).toBe(1);
      expect(await s.unsubscribe('slack', 'C0NEWS', undefined, { at: at(3), userId: 'U0ADMIN' })).toBe(0);
      expect(await s.getSubscription(sub.id)).toMatchObject({
        status: 'stopped',
        stoppedReason: 'unsubscribed',
        unsubscribedAt: at(2),
        unsubscribedBy: 'U0ADMIN',
      });
      const outbox = (await s.listOutbox()).find((o) => o.id === row?.id);
      expect(outbox).toMatchObject({ status: 'dropped', lastError: `UNSUBSCRIBED: the channel was unsubscribed by U0ADMIN at ${at(2).toISOString()}` });
      expect(await s.dueOutbox(at(10), 10)).toEqual([]);
      const revived = await s.subscribe({ ...input, tenantId: undefined }, at(4));
      expect(revived).toMatchObject({ id: sub.id, status: 'active', stoppedReason: null, unsubscribedAt: null, unsubscribedBy: null, tenantId: 'T0TEAM' });
    });

    it('records audit entries and lists them newest first, with a limit', async () => {
      const s = store();
      const entry = {
        platform: 'discord' as const,
        tenantId: guildA.tenantId,
        userId: guildA.userId,
        action: 'unsubscribe',
        target: 'channel 1',
        outcome: 'refused' as const,
        detail: 'needs Manage Channels',
      };
      await s.recordAudit({ ...entry, at: at(1) });
      await s.recordAudit({ ...entry, at: at(2), platform: 'cli', tenantId: null, userId: 'alice', outcome: 'ok', detail: null, target: null });
      await s.recordAudit({ ...entry, at: at(2), action: 'feeds.remove', outcome: 'error' });
      const all = await s.listAudit();
      expect(all.map((e) => [e.action, e.platform, e.outcome])).toEqual([
        ['feeds.remove', 'discord', 'error'],
        ['unsubscribe', 'cli', 'ok'],
        ['unsubscribe', 'discord', 'refused'],
      ]);
      expect(all[2]).toMatchObject({ ...entry, at: at(1) });
      expect(all[1]).toMatchObject({ tenantId: null, target: null, detail: null, userId: 'alice' });
      expect((await s.listAudit({ limit: 1 })).map((e) => e.action)).toEqual(['feeds.remove']);
    });
  });
}
