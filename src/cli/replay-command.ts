import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { createLogger } from '../core/logger.js';
import { loadAppConfig } from '../main.js';
import { compileStory } from '../pipeline/match/compile-story.js';
import { findStory } from '../pipeline/match/find-story.js';
import { processItem } from '../pipeline/process-item.js';
import { storyTimeline, toEntry } from '../queries/timeline.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { inputToItem, readJsonLines } from './jsonl-input.js';
import type { GlobalOptions } from './with-app.js';

const complain = (message: string): void => void process.stderr.write(`storywatch: ${message}\n`);

/** Registers `storywatch replay`: items in file order through match and detection, in a fresh temporary store. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('process JSON lines in order in a fresh temporary store; print the alerts and the timeline as JSON')
    .option('--story <id>', 'story id (may be omitted when one story is configured)')
    .requiredOption('--input <file>', 'JSON lines file, or - for stdin')
    .action(async (options: { story?: string; input: string }) => {
      const config = loadAppConfig({ configDir: program.opts<GlobalOptions>().config });
      const found = config.ok ? findStory(config.value.stories, options.story) : config;
      if (!found.ok) {
        complain(`${found.error.code}: ${found.error.message}`);
        process.exitCode = 2;
        return;
      }
      const story = compileStory(found.value);
      const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-replay-'));
      const store = openSqliteStore(path.join(dir, 'replay.db'));
      const log = createLogger(program.opts<GlobalOptions>().logLevel ?? 'warn');
      try {
        const feed = await store.addFeed({ url: 'https://replay.invalid/', name: 'replay', intervalSec: 3600 }, new Date());
        if (!feed.ok) throw new Error(feed.error.message);
        const names = new Map<number, string>();
        const alerts = [];
        for await (const record of readJsonLines(options.input)) {
          if (!record.ok) {
            complain(`${options.input}:${record.line}: INPUT_INVALID: ${record.error}; line skipped`);
            continue;
          }
          const item = inputToItem(record.value, new Date());
          if (!item.ok) {
            complain(`${options.input}:${record.line}: ${item.error.code}: ${item.error.message}; line skipped`);
            continue;
          }
          const { stored, detections } = await processItem(item.value, feed.value.id, [story], { store, log, now: new Date() });
          if (stored) names.set(stored.id, record.value.id);
          for (const detection of detections.filter((d) => d.alertId !== null)) {
            const entries = detection.created.map((d) => toEntry(found.value, d, (id) => names.get(id) ?? String(id)));
            alerts.push({ item: record.value.id, developments: entries.map(({ id, date, kind, actors, summary }) => ({ id, date, kind, actors, summary })) });
          }
        }
        const timeline = await storyTimeline(store, found.value, (id) => names.get(id) ?? String(id));
        process.stdout.write(`${JSON.stringify({ alerts, timeline: timeline.map(({ summaryLang: _, ...rest }) => rest) }, null, 2)}\n`);
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
}
