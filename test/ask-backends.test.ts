import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../src/cli/question-eval-run.js';
import { readQuestionSet } from '../src/cli/question-set.js';
import { askStory } from '../src/queries/ask-story.js';
import { openPostgresStore } from '../src/store/postgres/pg-store.js';
import type { Store } from '../src/store/ports.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { createTestSchema, type TestSchema } from './helpers/postgres.js';
import { bundledStory } from './helpers/stories.js';

const set = readQuestionSet(path.join('test', 'fixtures', 'questions', 'iran-pakistan-2024.yml'));

/** The sentence index is each backend's own (FTS5, tsvector): the answers to the question set must not depend on it. */
describe('answers from the sources on SQLite and PostgreSQL', () => {
  const story = bundledStory(set.story);
  let schema: TestSchema;
  let sqlite: Store;
  let postgres: Store;

  beforeAll(async () => {
    schema = await createTestSchema();
    sqlite = openSqliteStore(':memory:');
    postgres = await openPostgresStore(schema.url, { schema: schema.schema });
    // Side by side: PostgreSQL's round trips leave the thread free for SQLite's load.
    await Promise.all([sqlite, postgres].map((store) => loadSources(store, story, set.seeds, set.corpus)));
  }, 120_000);
  afterAll(async () => {
    await sqlite.close();
    await postgres.close();
    await schema.drop();
  });

  it('indexes the same sentences and cites the same ones for every question of the set', async () => {
    expect(await postgres.countSentences(story.config.id)).toBe(await sqlite.countSentences(story.config.id));
    const cited = async (store: Store, q: string, lang: string) => {
      const a = await askStory(store, story, q, lang);
      return { developments: a.developments, cited: a.citations.map((c) => [c.sentence.text, c.sentence.outlet, c.sentence.lang, c.sentence.published]) };
    };
    for (const q of set.questions) {
      const [fromPostgres, fromSqlite] = await Promise.all([cited(postgres, q.q, q.lang), cited(sqlite, q.q, q.lang)]);
      expect(fromPostgres, q.q).toEqual(fromSqlite);
    }
  }, 120_000);
});
