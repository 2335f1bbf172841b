import type { Migration } from './migration.js';

const body = `
ALTER TABLE subscriptions ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
ALTER TABLE development_sources ADD COLUMN quote TEXT;
`;

/**
 * The channel's language (docs/decisions/023): each subscription has the language its messages are
 * written in (`en` for subscriptions made before), and each source of a development keeps the
 * sentence it was quoted by (`development_sources.quote`; null for sources recorded before), so an
 * alert can quote a source in the channel's language.
 */
export const subscriptionLanguage: Migration = {
  version: 9,
  name: 'subscription-language',
  sqlite: body,
  postgres: body,
};
