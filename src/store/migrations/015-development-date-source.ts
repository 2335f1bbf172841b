import type { Migration } from './migration.js';

const body = (t: { flag: string; truthy: string; check: string }): string => `
ALTER TABLE developments ADD COLUMN date_written ${t.flag} NOT NULL DEFAULT ${t.truthy}${t.check};
`;

/**
 * Whether a development's day was written in a source's text (`true`) or is only the publication
 * day of its first report (`false`): a later source that writes the day corrects the latter
 * (decision 044). Rows from before this migration count as written, so none of them moves.
 */
export const developmentDateSource: Migration = {
  version: 15,
  name: 'development-date-source',
  sqlite: body({ flag: 'INTEGER', truthy: '1', check: ' CHECK (date_written IN (0, 1))' }),
  postgres: body({ flag: 'boolean', truthy: 'true', check: '' }),
};
