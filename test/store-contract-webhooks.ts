import { describe, expect, it } from 'vitest';
import type { Store } from '../src/store/ports.js';

const T0 = new Date('2024-02-10T09:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const SECRET = 'a'.repeat(64);

/** Contract of webhook targets and `webhook` subscriptions (decision 030), for every backend. */
export function webhooksContract(store: () => Store): void {
  describe('webhook targets', () => {
    it('stores targets with their secret, owner and time, and lists them oldest first', async () => {
      const s = store();
      expect(await s.listWebhookTargets()).toEqual([]);
      const first = await s.addWebhookTarget({ url: 'https://hooks.example/ä?x=1', secret: SECRET, tenantId: null, createdBy: 'cli:ops', createdAt: at(0) });
      const second = await s.addWebhookTarget({ url: 'http://127.0.0.1:9/in', secret: 'b'.repeat(64), tenantId: 'T0TEAM', createdBy: 'U1', createdAt: at(1) });
      expect(first).toEqual({ id: first.id, url: 'https://hooks.example/ä?x=1', secret: SECRET, tenantId: null, createdBy: 'cli:ops', createdAt: at(0) });
      expect(second.id).toBeGreaterThan(first.id);
      expect(await s.getWebhookTarget(second.id)).toEqual(second);
      expect(await s.getWebhookTarget(second.id + 100)).toBeNull();
      expect((await s.listWebhookTargets()).map((t) => [t.id, t.tenantId, t.createdAt])).toEqual([
        [first.id, null, at(0)],
        [second.id, 'T0TEAM', at(1)],
      ]);
    });

    it('subscribes a target as platform webhook next to chat channels, and serves and counts its rows apart', async () => {
      const s = store();
      const target = await s.addWebhookTarget({ url: 'https://hooks.example/in', secret: SECRET, tenantId: null, createdBy: 'cli:ops', createdAt: at(0) });
      const hook = await s.subscribe(
        { platform: 'webhook', channelId: String(target.id), storyId: 'story-one', alerts: true, digestTime: '08:00', timeZone: 'Asia/Karachi' },
        at(0),
      );
      const chat = await s.subscribe(
        { platform: 'discord', channelId: String(target.id), storyId: 'story-one', alerts: true, digestTime: null, timeZone: null },
        at(0),
      );
      expect(hook).toMatchObject({ platform: 'webhook', channelId: String(target.id), status: 'active', digestTime: '08:00', timeZone: 'Asia/Karachi' });
      expect(chat.id).not.toBe(hook.id);
      await s.enqueueDigests([
        { subscriptionId: hook.id, day: null, at: at(1) },
        { subscriptionId: chat.id, day: null, at: at(2) },
      ]);
      const due = async (platforms: ('discord' | 'slack' | 'webhook')[]) => (await s.dueOutbox(at(10), 10, { platforms })).map((r) => r.subscriptionId);
      expect(await due(['webhook'])).toEqual([hook.id]);
      expect(await due(['discord', 'slack'])).toEqual([chat.id]);
      expect((await s.outboxBacklog()).map((b) => [b.platform, b.pending])).toEqual([
        ['discord', 1],
        ['webhook', 1],
      ]);
      expect(await s.unsubscribe('webhook', String(target.id), undefined, { at: at(3), userId: 'cli:ops' })).toBe(1);
      expect((await s.getSubscription(hook.id))?.status).toBe('stopped');
      expect((await s.getSubscription(chat.id))?.status).toBe('active');
      // The target stays: its deliveries are history.
      expect(await s.getWebhookTarget(target.id)).toEqual(target);
    });
  });
}
