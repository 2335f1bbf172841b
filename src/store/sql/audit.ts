import type { AuditStore } from '../ports.js';
import { parse } from './rows.js';
import type { Sql } from './schema.js';

/** The audit log on the shared queries. */
export function auditQueries({ db }: Sql): AuditStore {
  return {
    recordAudit: async (e) => {
      await db
        .insertInto('audit')
        .values({
          at: e.at,
          platform: e.platform,
          tenantId: e.tenantId,
          userId: e.userId,
          action: e.action,
          target: e.target,
          outcome: e.outcome,
          detail: e.detail,
        })
        .execute();
    },
    listAudit: async (options = {}) =>
      parse(
        'audit',
        await db
          .selectFrom('audit')
          .selectAll()
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .$if(options.limit !== undefined, (q) => q.limit(Math.max(0, Math.floor(options.limit!))))
          .execute(),
      ),
  };
}
