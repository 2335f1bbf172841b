import path from 'node:path';
import type { Item } from '../core/item.js';
import { createLogger } from '../core/logger.js';
import { asHtml } from '../demo/seed-feed-server.js';
import { loadSeedArticles } from '../demo/seed-articles.js';
import type { CompiledStory } from '../pipeline/match/compile-story.js';
import { normalizeItem } from '../pipeline/normalize/normalize-item.js';
import { processItem } from '../pipeline/process-item.js';
import { askStory } from '../queries/ask-story.js';
import type { Store } from '../store/ports.js';
import { judgeAnswer } from './judge-answer.js';
import { readQuestionSet, type SetQuestion } from './question-set.js';
import { withScratchStore } from './scratch-store.js';
import { complain, inputItems, openStory } from './story-input.js';
import type { GlobalOptions, Out } from './with-app.js';

/** Options of `storywatch eval --questions`. */
export interface QuestionEvalOptions {
  questions: string;
  split?: string;
  json?: boolean;
}

/** One question's outcome. */
interface Outcome {
  question: SetQuestion;
  correct: boolean;
  answer: string;
}

const print: Out = (line) => process.stdout.write(`${line}\n`);

/** Puts the seed articles and the corpus lines through the pipeline into a store, one feed each (their outlets); returns how many items were stored. */
export async function loadSources(store: Store, story: CompiledStory, seeds: string | null, corpus: string | null): Promise<number> {
  const log = createLogger('silent');
  let count = 0;
  const feed = async (name: string): Promise<number> => {
    const added = await store.addFeed({ url: `https://${name.replace(/\W+/gu, '-')}.invalid/`, name, intervalSec: 3600 }, new Date());
    if (!added.ok) throw new Error(added.error.message);
    return added.value.id;
  };
  const seedFeed = seeds === null ? null : await feed('seed articles');
  const corpusFeed = corpus === null ? null : await feed('labeled corpus');
  // Everything in one transaction, as `replay` does: the store is this run's own.
  await store.transaction(async (tx) => {
    const put = async (item: Item, feedId: number): Promise<void> => {
      if ((await processItem(item, feedId, [story], { store: tx, log, now: new Date() })).stored) count += 1;
    };
    if (seeds !== null && seedFeed !== null) {
      const feedId = seedFeed;
      for (const seed of loadSeedArticles(path.dirname(seeds))) {
        const item = normalizeItem(
          { title: seed.title, content: asHtml(seed.content), published: seed.published, language: seed.lang },
          { url: 'https://seed.invalid/' },
        );
        if (item.ok) await put(item.value, feedId);
      }
    }
    if (corpus !== null && corpusFeed !== null) {
      for await (const { item } of inputItems(corpus)) await put(item, corpusFeed);
    }
  });
  return count;
}

/** Share as a percentage with one decimal. */
const percent = (part: number, whole: number): string => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

/**
 * `storywatch eval --questions <file>`: puts the set's sources (seed articles, labeled corpus)
 * through the pipeline into a scratch store, asks every question (in its language) and reports the
 * share answered correctly per split. Only dev questions are listed one by one: tune on those.
 */
export async function evalQuestions(options: QuestionEvalOptions, globals: GlobalOptions): Promise<void> {
  if (options.split !== undefined && options.split !== 'dev' && options.split !== 'test') {
    complain(`EVAL_BAD_SPLIT: --split must be dev or test, not "${options.split}"`);
    process.exitCode = 2;
    return;
  }
  const set = readQuestionSet(options.questions);
  const story = openStory(globals, set.story);
  if (!story) return;
  const asked = set.questions.filter((q) => options.split === undefined || q.split === options.split);
  const { outcomes, items, sentences } = await withScratchStore('eval-questions', async (store) => {
    const stored = await loadSources(store, story, set.seeds, set.corpus);
    const list: Outcome[] = [];
    for (const question of asked) {
      const answer = await askStory(store, story, question.q, question.lang);
      list.push({
        question,
        correct: judgeAnswer(story, answer, question.expect),
        answer: answer.citations[0]?.sentence.text ?? answer.entries[0]?.development.summary ?? '',
      });
    }
    return { outcomes: list, items: stored, sentences: await store.countSentences(story.config.id) };
  });
  const splits = (['dev', 'test'] as const).map((split) => {
    const of = outcomes.filter((o) => o.question.split === split);
    return { split, questions: of.length, correct: of.filter((o) => o.correct).length, languages: new Set(of.map((o) => o.question.lang)).size };
  });
  if (options.json) {
    print(
      JSON.stringify({
        story: story.config.id,
        questions: options.questions,
        items,
        sentences,
        splits: splits.map((s) => ({ ...s, share: s.questions ? s.correct / s.questions : null })),
      }),
    );
    return;
  }
  print(
    `Questions ${options.questions}: ${asked.length} in ${new Set(asked.map((q) => q.lang)).size} languages; ${items} items stored, ${sentences} sentences indexed`,
  );
  print('split  questions  languages  correct  share');
  for (const s of splits)
    print(
      `${s.split.padEnd(5)}  ${String(s.questions).padStart(9)}  ${String(s.languages).padStart(9)}  ${String(s.correct).padStart(7)}  ${percent(s.correct, s.questions)}`,
    );
  for (const o of outcomes.filter((x) => x.question.split === 'dev' && !x.correct)) {
    print(`  wrong (dev) #${o.question.n} [${o.question.lang}] ${o.question.q} → ${o.answer.slice(0, 160)}`);
  }
}
