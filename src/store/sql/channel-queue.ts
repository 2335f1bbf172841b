import { sql, type RawBuilder } from 'kysely';
import type { Tables } from './schema.js';

/** The queues that go out in order per channel: the outbox (a channel is a subscription) and the ops notices (a platform's channel). */
type Queue = 'outbox' | 'opsNotices';

/**
 * True for the row `alias` of `queue` when it is the oldest pending row of its channel (the rows
 * with the same `channel` columns): an older row still waiting holds the newer ones back.
 */
export function oldestPendingInChannel<Q extends Queue>(queue: Q, alias: string, channel: readonly (keyof Tables[Q] & string)[]): RawBuilder<boolean> {
  const row = (column: string) => sql.ref(`${alias}.${column}`);
  const sameChannel = channel.map((column) => sql`${sql.ref(`p.${column}`)} = ${row(column)}`);
  return sql<boolean>`(${row('status')} = 'pending' AND NOT EXISTS (
    SELECT 1 FROM ${sql.table(queue)} p WHERE ${sql.join(sameChannel, sql` AND `)} AND p.status = 'pending' AND p.id < ${row('id')}))`;
}
