import type { Database as Connection } from 'better-sqlite3';
import type { OutboxBacklog, Platform, PlatformPause } from '../../core/subscription.js';
import { BACKLOG_SQL } from '../rows/backlog-sql.js';
import { backlogRow, platformPauseRow } from '../rows/delivery-rows.js';
import { parseRow } from '../rows/rows.js';

/** Platform pauses (a refused token) and the outbox backlog, on SQLite. */
export class SqlitePauses {
  private readonly sql;

  constructor(db: Connection) {
    const prepare = (source: string) => db.prepare<unknown[], unknown>(source);
    this.sql = {
      pause: prepare(
        `INSERT INTO platform_pauses (platform, code, reason, channel_id, paused_at, next_probe_at)
         VALUES (@platform, @code, @reason, @channelId, @pausedAt, @nextProbeAt) ON CONFLICT (platform) DO NOTHING`,
      ),
      list: prepare('SELECT * FROM platform_pauses ORDER BY platform'),
      probe: prepare('UPDATE platform_pauses SET next_probe_at = @next WHERE platform = @platform AND next_probe_at <= @now'),
      resume: prepare('DELETE FROM platform_pauses WHERE platform = ? RETURNING *'),
      backlog: prepare(BACKLOG_SQL),
    };
  }

  pausePlatform(p: PlatformPause): boolean {
    const params = { ...p, pausedAt: p.pausedAt.getTime(), nextProbeAt: p.nextProbeAt.getTime() };
    return this.sql.pause.run(params).changes === 1;
  }

  listPlatformPauses(): PlatformPause[] {
    return this.sql.list.all().map((row) => parseRow(platformPauseRow, 'platform_pauses', row));
  }

  claimPlatformProbe(platform: Platform, now: Date, next: Date): boolean {
    return this.sql.probe.run({ platform, now: now.getTime(), next: next.getTime() }).changes === 1;
  }

  resumePlatform(platform: Platform): PlatformPause | null {
    const row = this.sql.resume.get(platform);
    return row === undefined ? null : parseRow(platformPauseRow, 'platform_pauses', row);
  }

  outboxBacklog(): OutboxBacklog[] {
    return this.sql.backlog.all().map((row) => parseRow(backlogRow, 'outbox', row));
  }
}
