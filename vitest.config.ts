import { defineConfig } from 'vitest/config';

/**
 * Pure modules: no child process, no socket, no PostgreSQL. They run in one thread pool without
 * isolation (`npm run test:unit`, seconds) and need no dist/ build.
 */
const UNIT = [
  'architecture',
  'ask',
  'ask-sources',
  'cli-command-modules',
  'config',
  'console-sender',
  'corpus-format',
  'cue-languages',
  'dates',
  'detect-eval',
  'eld-small',
  'feed-url',
  'headline-and-no-cues',
  'locale-catalog',
  'match',
  'normalize',
  'normalize-fast-paths',
  'ops-config',
  'page-language',
  'parse',
  'phrase-index',
  'poll-known-items',
  'reconcile-days',
  'relative-dates',
  'rss-stream',
  'score-detection',
  'slack-command-text',
  'store.sqlite',
  'story-evidence',
  'story-kinds',
  'text',
].map((name) => `test/${name}.test.ts`);

/**
 * In-process files that assert on timer spacing and fetch deadlines: they run last, alone, so the
 * other files' child processes do not starve their timers.
 */
const TIMED = ['pipeline', 'scheduler'].map((name) => `test/${name}.test.ts`);

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Three files at a time, whatever the cores: most integration files wait on child processes,
    // sockets and lease timers rather than on the CPU, and on a 2-core machine the default
    // (cores - 1: one file at a time) left the CPU idle half the run (decision 020).
    maxWorkers: 3,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, pool: 'threads', isolate: false } },
      { extends: true, test: { name: 'timed', include: TIMED, pool: 'forks', maxWorkers: 1, sequence: { groupOrder: 1 } } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...UNIT, ...TIMED],
          pool: 'forks',
          // Each fork runs file after file without re-importing src/ and node_modules for each: about
          // 70 s less CPU per run. No file changes process-wide state (env, timers, globals) it would leak.
          isolate: false,
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
