import { describe, expect, it } from 'vitest';
import type { NoticeInput, OpsTarget } from '../src/core/ops.js';
import type { Store } from '../src/store/ports.js';

const T0 = new Date('2024-02-10T09:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const OPS: OpsTarget[] = [
  { platform: 'discord', channelId: '777777777777777777' },
  { platform: 'slack', channelId: 'C0OPS' },
];
const notice = (key: string, minutes: number, lines = ['FEED_HTTP_503: the server answered 503']): NoticeInput => ({
  key,
  kind: 'feed_failing',
  title: 'Feed failing: Dawn',
  lines,
  at: at(minutes),
});

/** Contract of the operators' notices and flags (decision 026), for every backend. */
export function opsContract(store: () => Store): void {
  describe('ops notices and flags', () => {
    it('queues a notice once per ops channel, never twice for the same key, and sends them in order per channel', async () => {
      const s = store();
      await s.enqueueNotice(notice('feed:1:failing', 0, ['Ünïcode — قطع', 'second line']), OPS);
      await s.enqueueNotice(notice('feed:1:failing', 1, ['told again']), OPS);
      await s.enqueueNotice(notice('feed:2:failing', 2), OPS.slice(1));
      await s.enqueueNotice(notice('nobody', 2), []);
      const all = await s.listNotices();
      expect(all.map((n) => [n.key, n.platform, n.channelId, n.status, n.attempts, n.createdAt])).toEqual([
        ['feed:1:failing@discord:777777777777777777', 'discord', '777777777777777777', 'pending', 0, at(0)],
        ['feed:1:failing@slack:C0OPS', 'slack', 'C0OPS', 'pending', 0, at(0)],
        ['feed:2:failing@slack:C0OPS', 'slack', 'C0OPS', 'pending', 0, at(2)],
      ]);
      expect(all[0]?.lines).toEqual(['Ünïcode — قطع', 'second line']);
      // The second Slack notice waits behind the first; nothing is due before its time or on other platforms.
      expect((await s.dueNotices(at(5), 10, ['discord', 'slack'])).map((n) => n.key)).toEqual([all[0]?.key, all[1]?.key]);
      expect(await s.dueNotices(at(-1), 10, ['discord', 'slack'])).toEqual([]);
      expect((await s.dueNotices(at(5), 10, ['slack'])).map((n) => n.platform)).toEqual(['slack']);
      expect(await s.dueNotices(at(5), 10, [])).toEqual([]);
      const slack = all[1]!;
      expect(await s.claimNotice(slack.id, slack.nextAttemptAt, at(7))).toBe(true);
      expect(await s.claimNotice(slack.id, slack.nextAttemptAt, at(7))).toBe(false);
      await s.recordNotice(slack.id, { status: 'pending', attempts: 1, nextAttemptAt: at(6), lastError: 'SLACK_RATE_LIMITED: later' });
      expect((await s.dueNotices(at(5), 10, ['slack'])).map((n) => n.id)).toEqual([]);
      await s.recordNotice(slack.id, { status: 'sent', attempts: 2, lastError: null, messageId: '1700000000.000100', sentAt: at(6) });
      expect((await s.dueNotices(at(6), 10, ['slack'])).map((n) => n.key)).toEqual(['feed:2:failing@slack:C0OPS']);
      expect((await s.listNotices())[1]).toMatchObject({ status: 'sent', attempts: 2, lastError: null, messageId: '1700000000.000100', sentAt: at(6) });
    });

    it('raises a flag once with its notice, clears it once with the recovery notice, and can raise it again', async () => {
      const s = store();
      const flag = { name: 'feed:7', raisedAt: at(0), detail: 'FEED_HTTP_503' };
      expect(await s.raiseOpsFlag(flag, notice('feed:7:failing:a', 0), OPS)).toBe(true);
      expect(await s.raiseOpsFlag({ ...flag, raisedAt: at(1) }, notice('feed:7:failing:b', 1), OPS)).toBe(false);
      expect(await s.listOpsFlags()).toEqual([flag]);
      const recovered = (f: { raisedAt: Date }): NoticeInput => ({ ...notice(`feed:7:recovered:${f.raisedAt.getTime()}`, 3), kind: 'feed_recovered' });
      expect(await s.clearOpsFlag('feed:7', recovered, OPS)).toEqual(flag);
      expect(await s.clearOpsFlag('feed:7', recovered, OPS)).toBeNull();
      expect(await s.listOpsFlags()).toEqual([]);
      expect(await s.raiseOpsFlag({ ...flag, raisedAt: at(9) }, notice('feed:7:failing:c', 9), OPS.slice(0, 1))).toBe(true);
      expect((await s.listNotices()).map((n) => [n.kind, n.key.split('@')[0]])).toEqual([
        ['feed_failing', 'feed:7:failing:a'],
        ['feed_failing', 'feed:7:failing:a'],
        ['feed_recovered', `feed:7:recovered:${at(0).getTime()}`],
        ['feed_recovered', `feed:7:recovered:${at(0).getTime()}`],
        ['feed_failing', 'feed:7:failing:c'],
      ]);
    });

    it('keeps a raised flag and its notices together: a failed transaction leaves neither', async () => {
      const s = store();
      await expect(
        s.transaction(async (tx) => {
          await tx.raiseOpsFlag({ name: 'backlog:slack', raisedAt: at(0), detail: '600' }, { ...notice('backlog:slack:high', 0), kind: 'backlog_high' }, OPS);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await s.listOpsFlags()).toEqual([]);
      expect(await s.listNotices()).toEqual([]);
    });
  });
}
