import { describe, expect, it } from 'vitest';
import type { Store } from '../src/store/ports.js';
import { queueAlerts } from './helpers/alerts.js';

const T0 = new Date('2024-02-10T09:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const STORY = 'iran-pakistan-2024';

/** Contract of readers' labels on alerts and the sources and alerts they withdraw, for every backend. */
export function labelsContract(store: () => Store): void {
  describe('alert labels', () => {
    it('records a label once per reader and choice, lists them with the alert, and keeps them', async () => {
      const s = store();
      const sub = await s.subscribe(
        { platform: 'discord', channelId: '222222222222222222', storyId: STORY, alerts: true, digestTime: null, timeZone: null, tenantId: 'G1' },
        T0,
      );
      const [alertId = 0] = await queueAlerts(s, STORY, 1, T0);
      expect(await s.alertPostings(alertId)).toEqual([]);
      const [row] = await s.dueOutbox(at(1), 10);
      await s.recordDelivery(row?.id ?? 0, { status: 'sent', sent: { messageId: 'm1', messageIds: ['m1'] }, sentAt: at(1), needsUpdate: false });
      expect(await s.alertPostings(alertId)).toEqual([{ platform: 'discord', channelId: sub.channelId, tenantId: 'G1' }]);
      const label = { alertId, choice: 'off_topic' as const, platform: 'discord' as const, tenantId: 'G1', userId: 'U1', channelId: sub.channelId, at: at(2) };
      expect(await s.addAlertLabel(label)).toBe(true);
      expect(await s.addAlertLabel({ ...label, at: at(3) })).toBe(false);
      expect(await s.addAlertLabel({ ...label, choice: 'wrong_date', at: at(4) })).toBe(true);
      expect(await s.addAlertLabel({ ...label, platform: 'slack', tenantId: 'T1', at: at(5) })).toBe(true);
      const alert = await s.getAlert(alertId);
      const labels = await s.listAlertLabels({ storyId: STORY });
      expect(labels.map((l) => [l.choice, l.platform, l.userId, l.at, l.storyId, l.itemId])).toEqual([
        ['off_topic', 'discord', 'U1', at(2), STORY, alert?.itemId],
        ['wrong_date', 'discord', 'U1', at(4), STORY, alert?.itemId],
        ['off_topic', 'slack', 'U1', at(5), STORY, alert?.itemId],
      ]);
      expect(await s.listAlertLabels({ alertId: alertId + 1 })).toEqual([]);
      expect(await s.getAlert(alertId + 1)).toBeNull();
    });

    it('withdraws a source without deleting it, and marks an alert withdrawn or disputed once', async () => {
      const s = store();
      const [alertId = 0] = await queueAlerts(s, STORY, 1, T0);
      const alert = await s.getAlert(alertId);
      expect(alert).toMatchObject({ withdrawnAt: null, dateDisputedAt: null });
      const [dev] = await s.developmentsById(alert?.developments ?? []);
      expect(dev?.sources).toEqual([alert?.itemId]);
      expect(await s.withdrawSource(STORY, alert?.itemId ?? 0, at(1))).toEqual([dev?.id]);
      expect(await s.withdrawSource(STORY, alert?.itemId ?? 0, at(2))).toEqual([]);
      expect(await s.withdrawSource('another-story', alert?.itemId ?? 0, at(2))).toEqual([]);
      const [after] = await s.developmentsById([dev?.id ?? 0]);
      expect([after?.sources, after?.languages]).toEqual([[], []]);
      expect((await s.timelineEntries(STORY)).map((e) => e.id)).toContain(dev?.id);
      await s.markAlert(alertId, { withdrawnAt: at(3) });
      await s.markAlert(alertId, { withdrawnAt: at(4), dateDisputedAt: at(4) });
      expect(await s.getAlert(alertId)).toMatchObject({ withdrawnAt: at(3), dateDisputedAt: at(4) });
      expect((await s.listAlerts(STORY))[0]).toMatchObject({ withdrawnAt: at(3) });
    });
  });
}
