import type { Pool } from 'pg';
import type { OutboxBacklog, Platform, PlatformPause } from '../../core/subscription.js';
import { BACKLOG_SQL } from '../rows/backlog-sql.js';
import { backlogRow, platformPauseRow } from '../rows/delivery-rows.js';
import { parseRow } from '../rows/rows.js';

const sql = {
  pause: `INSERT INTO platform_pauses (platform, code, reason, channel_id, paused_at, next_probe_at)
          VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (platform) DO NOTHING`,
  list: 'SELECT * FROM platform_pauses ORDER BY platform',
  probe: 'UPDATE platform_pauses SET next_probe_at = $3 WHERE platform = $1 AND next_probe_at <= $2',
  resume: 'DELETE FROM platform_pauses WHERE platform = $1 RETURNING *',
};

/** Platform pauses (a refused token) and the outbox backlog, on PostgreSQL. */
export class PostgresPauses {
  /** Works on the store's pool. */
  constructor(private readonly pool: Pool) {}

  /** Pauses a platform unless it is paused already; true when this call paused it. */
  async pausePlatform(p: PlatformPause): Promise<boolean> {
    const result = await this.pool.query(sql.pause, [p.platform, p.code, p.reason, p.channelId, p.pausedAt.getTime(), p.nextProbeAt.getTime()]);
    return result.rowCount === 1;
  }

  /** Every paused platform. */
  async listPlatformPauses(): Promise<PlatformPause[]> {
    return (await this.pool.query(sql.list)).rows.map((row) => parseRow(platformPauseRow, 'platform_pauses', row));
  }

  /** Takes the platform's probe when it is due, moving the next one to `next`. */
  async claimPlatformProbe(platform: Platform, now: Date, next: Date): Promise<boolean> {
    return (await this.pool.query(sql.probe, [platform, now.getTime(), next.getTime()])).rowCount === 1;
  }

  /** Lifts a platform's pause; the pause that was lifted, or null. */
  async resumePlatform(platform: Platform): Promise<PlatformPause | null> {
    const [row] = (await this.pool.query(sql.resume, [platform])).rows;
    return row === undefined ? null : parseRow(platformPauseRow, 'platform_pauses', row);
  }

  /** Pending messages per platform and the earliest next attempt. */
  async outboxBacklog(): Promise<OutboxBacklog[]> {
    return (await this.pool.query(BACKLOG_SQL)).rows.map((row) => parseRow(backlogRow, 'outbox', row));
  }
}
