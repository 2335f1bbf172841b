import { CamelCasePlugin, Kysely, type Dialect as KyselyDialect } from 'kysely';
import type { Store } from '../ports.js';
import { auditQueries } from './audit.js';
import { labelQueries } from './labels.js';
import { opsQueries } from './ops.js';
import { outboxQueries } from './outbox.js';
import { pauseQueries } from './pauses.js';
import { sentenceQueries } from './sentences.js';
import { subscriptionQueries } from './subscriptions.js';
import { feedQueries } from './feeds.js';
import { itemQueries } from './items.js';
import type { Db, Dialect, Sql, Tables } from './schema.js';
import { threadQueries } from './threads.js';
import { timelineQueries } from './timeline.js';

/** A Kysely instance on a backend's driver, with snake_case columns seen as camelCase. */
export function createDb(driver: KyselyDialect): Db {
  return new Kysely<Tables>({ dialect: driver, plugins: [new CamelCasePlugin()] });
}

/** The Store: every aggregate's queries on `db` (or on a transaction, `inTransaction`), closed by `close`. */
export function composeStore(db: Db, dialect: Dialect, close: () => Promise<void>, inTransaction = false): Store {
  const ctx: Sql = { db, dialect, inTransaction, ...(inTransaction && dialect.exclusive ? { timelines: new Map() } : {}) };
  const store: Store = {
    ...feedQueries(ctx),
    ...itemQueries(ctx),
    ...timelineQueries(ctx),
    ...subscriptionQueries(ctx),
    ...outboxQueries(ctx),
    ...pauseQueries(ctx),
    ...auditQueries(ctx),
    ...labelQueries(ctx),
    ...threadQueries(ctx),
    ...opsQueries(ctx),
    ...sentenceQueries(ctx),
    // Within a transaction, a nested one is the same transaction and the same store.
    transaction: (work) => (inTransaction ? work(store) : dialect.transaction(db, (tx) => work(composeStore(tx, dialect, close, true)))),
    close,
  };
  return store;
}
