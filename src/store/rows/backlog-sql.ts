/**
 * The outbox backlog per platform, the same text on SQLite and PostgreSQL: how many messages of
 * active subscriptions are pending, and the earliest next attempt among the messages first in their
 * channel's queue (the later ones wait behind them), with that message's last error.
 */
export const BACKLOG_SQL = `
WITH heads AS (
  SELECT s.platform, o.next_attempt_at, o.last_error,
         ROW_NUMBER() OVER (PARTITION BY s.platform ORDER BY o.next_attempt_at, o.id) AS place
    FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
   WHERE o.status = 'pending' AND s.status = 'active'
     AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.subscription_id = o.subscription_id AND p.status = 'pending' AND p.id < o.id)
), counts AS (
  SELECT s.platform, COUNT(*) AS pending
    FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
   WHERE o.status = 'pending' AND s.status = 'active'
   GROUP BY s.platform
)
SELECT c.platform, c.pending, h.next_attempt_at, h.last_error
  FROM counts c LEFT JOIN heads h ON h.platform = c.platform AND h.place = 1
 ORDER BY c.platform`;
