import { describe, expect, it } from 'vitest';
import type { Store } from '../src/store/ports.js';
import { updateTimeline } from '../src/pipeline/detect/update-timeline.js';
import { queueAlerts } from './helpers/alerts.js';

const T0 = new Date('2024-02-10T09:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const STORY = 'iran-pakistan-2024';
const ROLE = '123456789012345678';

/** A later source of a development: an item of the alert's feed, attached to `developmentId` as the pipeline would. */
async function laterSource(s: Store, alertId: number, developmentId: number, slug: string, when: Date): Promise<number> {
  const alert = await s.getAlert(alertId);
  const [first] = await s.getItems([alert?.itemId ?? 0]);
  const link = `https://www.dawn.com/news/${slug}`;
  const [item] = await s.insertItems(
    first?.feedId ?? 0,
    [
      {
        key: `url:${link}`,
        contentHash: slug,
        guid: slug,
        link,
        title: `Pakistan confirms: ${slug}`,
        text: 'Pakistan confirmed the strike.',
        lang: 'ur',
        langSource: 'declared',
        published: when,
      },
    ],
    when,
  );
  await updateTimeline(s, STORY, { id: item?.id ?? 0, lang: 'ur' }, when, () => ({ attach: [developmentId], create: [] }), true);
  return item?.id ?? 0;
}

/** Contract of alert settings (threads, pings) and thread replies in the outbox (decision 024), for every backend. */
export function threadsContract(store: () => Store): void {
  describe('threads and pings', () => {
    it('keeps alert settings per subscription, with defaults, who and when', async () => {
      const s = store();
      const sub = await s.subscribe(
        { platform: 'discord', channelId: '222222222222222222', storyId: STORY, alerts: true, digestTime: null, timeZone: null },
        T0,
      );
      expect(await s.getAlertSettings(sub.id)).toEqual({ threads: false, ping: null });
      const set = await s.setAlertSettings(
        sub.id,
        { threads: true, ping: { target: ROLE, kinds: ['military_strike', 'casualties'] } },
        { at: at(1), userId: 'U1' },
      );
      expect(set).toEqual({
        subscriptionId: sub.id,
        threads: true,
        ping: { target: ROLE, kinds: ['military_strike', 'casualties'] },
        updatedAt: at(1),
        updatedBy: 'U1',
      });
      expect(await s.getAlertSettings(sub.id)).toEqual(set);
      await s.setAlertSettings(sub.id, { threads: true, ping: null }, { at: at(2), userId: 'U2' });
      expect(await s.getAlertSettings(sub.id)).toMatchObject({ threads: true, ping: null, updatedBy: 'U2', updatedAt: at(2) });
    });

    it('queues one reply per later source in the threads of subscriptions that thread alerts, once', async () => {
      const s = store();
      const threaded = await s.subscribe(
        { platform: 'discord', channelId: '222222222222222222', storyId: STORY, alerts: true, digestTime: null, timeZone: null },
        T0,
      );
      const plain = await s.subscribe({ platform: 'slack', channelId: 'C0PLAIN01', storyId: STORY, alerts: true, digestTime: null, timeZone: null }, T0);
      await s.setAlertSettings(threaded.id, { threads: true, ping: null }, { at: T0, userId: 'U1' });
      const [alertId = 0] = await queueAlerts(s, STORY, 1, T0);
      const [developmentId = 0] = (await s.getAlert(alertId))?.developments ?? [];
      expect(await s.threadParent(threaded.id, alertId)).toBeNull();
      const parent = (await s.listOutbox()).find((r) => r.subscriptionId === threaded.id);
      await s.recordDelivery(parent?.id ?? 0, { status: 'sent', sent: { messageId: 'm-parent', messageIds: ['m-parent'] }, sentAt: at(1), needsUpdate: false });
      expect(await s.threadParent(threaded.id, alertId)).toBe('m-parent');
      expect(await s.threadParent(plain.id, alertId)).toBeNull();

      const itemId = await laterSource(s, alertId, developmentId, 'strike-confirmed', at(5));
      await s.enqueueThreadReplies(STORY, [developmentId], itemId, at(6));
      const replies = (await s.listOutbox()).filter((r) => r.kind === 'thread');
      expect(replies.map((r) => [r.subscriptionId, r.alertId, r.itemId, r.key, r.status, r.nextAttemptAt])).toEqual([
        [threaded.id, alertId, itemId, `thread:${alertId}:${threaded.id}:${itemId}`, 'pending', at(5)],
      ]);
      // The parent alert is marked for its source-count edit as before; the reply is due as a pending row.
      const due = (await s.dueOutbox(at(5), 10)).filter((r) => r.subscriptionId === threaded.id);
      expect(due.map((r) => [r.kind, r.status, r.needsUpdate])).toEqual([
        ['alert', 'sent', true],
        ['thread', 'pending', false],
      ]);
      expect(await s.alertPostings(alertId)).toEqual([{ platform: 'discord', channelId: threaded.channelId, tenantId: null }]);

      // The alert's own item never replies to itself, and a stopped subscription gets no replies.
      await s.enqueueThreadReplies(STORY, [developmentId], (await s.getAlert(alertId))?.itemId ?? 0, at(7));
      await s.stopSubscription(threaded.id, 'DISCORD_CHANNEL_GONE: gone');
      const second = await laterSource(s, alertId, developmentId, 'strike-toll', at(8));
      expect((await s.listOutbox()).filter((r) => r.kind === 'thread').map((r) => r.itemId)).toEqual([itemId]);
      expect(second).toBeGreaterThan(itemId);
    });

    it('edits and threads the alert of a subscription made in the transaction that first found the story without one', async () => {
      await store().transaction(async (s) => {
        const [alertId = 0] = await queueAlerts(s, STORY, 1, T0);
        const [developmentId = 0] = (await s.getAlert(alertId))?.developments ?? [];
        await laterSource(s, alertId, developmentId, 'strike-unwatched', at(2));
        const sub = await s.subscribe(
          { platform: 'discord', channelId: '333333333333333333', storyId: STORY, alerts: true, digestTime: null, timeZone: null },
          at(3),
        );
        await s.setAlertSettings(sub.id, { threads: true, ping: null }, { at: at(3), userId: 'U1' });
        await s.enqueueAlert(alertId, STORY, at(3));
        const parent = (await s.listOutbox()).find((r) => r.subscriptionId === sub.id);
        await s.recordDelivery(parent?.id ?? 0, { status: 'sent', sent: { messageId: 'm-late', messageIds: ['m-late'] }, sentAt: at(4), needsUpdate: false });
        const itemId = await laterSource(s, alertId, developmentId, 'strike-watched', at(5));
        const rows = (await s.listOutbox()).filter((r) => r.subscriptionId === sub.id);
        expect(rows.map((r) => [r.kind, r.status, r.needsUpdate, r.itemId])).toEqual([
          ['alert', 'sent', true, null],
          ['thread', 'pending', false, itemId],
        ]);
      });
    });
  });
}
