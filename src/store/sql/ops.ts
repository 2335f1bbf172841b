import type { NoticeInput, OpsTarget } from '../../core/ops.js';
import type { OpsStore } from '../ports.js';
import { oldestPendingInChannel } from './channel-queue.js';
import { parse } from './rows.js';
import { atomic, json, type Db, type Sql } from './schema.js';

/** Queues `notice` once per ops channel: its key with the channel's, so a notice told again is not queued twice. */
async function insertNotices(db: Db, notice: NoticeInput, targets: readonly OpsTarget[]): Promise<void> {
  if (targets.length === 0) return;
  await db
    .insertInto('opsNotices')
    .values(
      targets.map((t) => ({
        key: `${notice.key}@${t.platform}:${t.channelId}`,
        platform: t.platform,
        channelId: t.channelId,
        kind: notice.kind,
        title: notice.title,
        lines: json(notice.lines),
        nextAttemptAt: notice.at,
        createdAt: notice.at,
      })),
    )
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Ops notices and flags on the shared queries. */
export function opsQueries(ctx: Sql): OpsStore {
  const { db } = ctx;
  return {
    enqueueNotice: (notice, targets) => insertNotices(db, notice, targets),

    raiseOpsFlag: (flag, notice, targets) =>
      atomic(ctx, async (tx) => {
        const raised = await tx
          .insertInto('opsFlags')
          .values(flag)
          .onConflict((oc) => oc.column('name').doNothing())
          .executeTakeFirst();
        if (Number(raised.numInsertedOrUpdatedRows) !== 1) return false;
        await insertNotices(tx, notice, targets);
        return true;
      }),

    clearOpsFlag: (name, notice, targets) =>
      atomic(ctx, async (tx) => {
        const [flag] = parse('opsFlags', await tx.deleteFrom('opsFlags').where('name', '=', name).returningAll().execute());
        if (!flag) return null;
        await insertNotices(tx, notice(flag), targets);
        return flag;
      }),

    listOpsFlags: async () => parse('opsFlags', await db.selectFrom('opsFlags').selectAll().orderBy('raisedAt').orderBy('name').execute()),

    // In order per channel, as the outbox: an older notice still waiting holds the newer ones back.
    dueNotices: async (now, limit, platforms) =>
      platforms.length === 0
        ? []
        : parse(
            'opsNotices',
            await db
              .selectFrom('opsNotices as n')
              .selectAll()
              .where(oldestPendingInChannel('opsNotices', 'n', ['platform', 'channelId']))
              .where('n.nextAttemptAt', '<=', now)
              .where('n.platform', 'in', platforms)
              .orderBy('n.id')
              .limit(limit)
              .execute(),
          ),

    claimNotice: async (id, seen, until) =>
      Number(
        (await db.updateTable('opsNotices').set({ nextAttemptAt: until }).where('id', '=', id).where('nextAttemptAt', '=', seen).executeTakeFirst())
          .numUpdatedRows,
      ) === 1,

    recordNotice: async (id, u) => {
      await db
        .updateTable('opsNotices')
        .set({
          status: u.status,
          lastError: u.lastError,
          ...(u.attempts === undefined ? {} : { attempts: u.attempts }),
          ...(u.nextAttemptAt === undefined ? {} : { nextAttemptAt: u.nextAttemptAt }),
          ...(u.messageId === undefined ? {} : { messageId: u.messageId }),
          ...(u.sentAt === undefined ? {} : { sentAt: u.sentAt }),
        })
        .where('id', '=', id)
        .execute();
    },

    listNotices: async () => parse('opsNotices', await db.selectFrom('opsNotices').selectAll().orderBy('id').execute()),
  };
}
