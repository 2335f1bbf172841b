import type { WebhookStore } from '../ports.js';
import { parse } from './rows.js';
import type { Sql } from './schema.js';

/** Webhook targets on the shared queries. */
export function webhookQueries({ db }: Sql): WebhookStore {
  return {
    addWebhookTarget: async (input) => parse('webhookTargets', await db.insertInto('webhookTargets').values(input).returningAll().execute())[0]!,
    getWebhookTarget: async (id) => parse('webhookTargets', await db.selectFrom('webhookTargets').selectAll().where('id', '=', id).execute())[0] ?? null,
    listWebhookTargets: async () => parse('webhookTargets', await db.selectFrom('webhookTargets').selectAll().orderBy('id').execute()),
  };
}
