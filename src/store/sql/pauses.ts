import type { PauseStore } from '../ports.js';
import { parse } from './rows.js';
import type { Sql } from './schema.js';

/** Platform pauses on the shared queries. */
export function pauseQueries({ db }: Sql): PauseStore {
  return {
    pausePlatform: async (p) =>
      Number(
        (
          await db
            .insertInto('platformPauses')
            .values(p)
            .onConflict((oc) => oc.column('platform').doNothing())
            .executeTakeFirst()
        ).numInsertedOrUpdatedRows,
      ) === 1,
    listPlatformPauses: async () => parse('platformPauses', await db.selectFrom('platformPauses').selectAll().orderBy('platform').execute()),
    claimPlatformProbe: async (platform, now, next) =>
      Number(
        (await db.updateTable('platformPauses').set({ nextProbeAt: next }).where('platform', '=', platform).where('nextProbeAt', '<=', now).executeTakeFirst())
          .numUpdatedRows,
      ) === 1,
    resumePlatform: async (platform) =>
      parse('platformPauses', await db.deleteFrom('platformPauses').where('platform', '=', platform).returningAll().execute())[0] ?? null,
  };
}
