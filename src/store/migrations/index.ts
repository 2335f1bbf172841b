import { feedsAndItems } from './001-feeds-items.js';
import { itemMatches } from './002-item-matches.js';
import { timeline } from './003-timeline.js';
import { delivery } from './004-delivery.js';
import { workState } from './005-work-state.js';
import { tenancyAudit } from './006-tenancy-audit.js';
import { platformPauses } from './007-platform-pauses.js';
import { nativeTypes } from './008-native-types.js';
import { subscriptionLanguage } from './009-subscription-language.js';
import { threadsPings } from './010-threads-pings.js';
import { storySentences } from './011-story-sentences.js';
import { opsNotices } from './012-ops-notices.js';
import { alertLabels } from './013-alert-labels.js';
import { webhooks } from './014-webhooks.js';
import { developmentDateSource } from './015-development-date-source.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration this code knows, in version order. */
export const migrations: readonly Migration[] = [
  feedsAndItems,
  itemMatches,
  timeline,
  delivery,
  workState,
  tenancyAudit,
  platformPauses,
  nativeTypes,
  subscriptionLanguage,
  threadsPings,
  storySentences,
  opsNotices,
  alertLabels,
  webhooks,
  developmentDateSource,
];

/** The schema version this code expects after migrating. */
export const latestSchemaVersion: number = migrations.reduce((max, m) => Math.max(max, m.version), 0);

/** Thrown when a database was migrated by a newer storywatch than the one opening it. */
export class StoreSchemaTooNewError extends Error {
  readonly code = 'STORE_SCHEMA_TOO_NEW';

  /** `location` names the database (a path or a connection label) in the message. */
  constructor(
    readonly location: string,
    readonly databaseVersion: number,
  ) {
    super(
      `STORE_SCHEMA_TOO_NEW: the database at ${location} has schema version ${databaseVersion}, ` +
        `but this storywatch only knows up to version ${latestSchemaVersion}. Nothing was changed; ` +
        'upgrade storywatch or point it at another database.',
    );
    this.name = 'StoreSchemaTooNewError';
  }
}

/**
 * The migrations still to apply to a database whose applied versions are given, in version order.
 * Throws StoreSchemaTooNewError when the database is ahead of this code.
 */
export function pendingMigrations(applied: readonly number[], location: string): Migration[] {
  const databaseVersion = applied.reduce((max, v) => Math.max(max, v), 0);
  if (databaseVersion > latestSchemaVersion) throw new StoreSchemaTooNewError(location, databaseVersion);
  const done = new Set(applied);
  return migrations.filter((m) => !done.has(m.version)).sort((a, b) => a.version - b.version);
}
