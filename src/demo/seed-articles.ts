import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { stripMarkdown } from '../pipeline/normalize/markdown.js';

/** One seed article as the demo publishes it. */
export interface SeedArticle {
  /** File name in the seeds directory. */
  file: string;
  /** First non-empty line (for markdown, the link text of a `[title](url)` line). */
  title: string;
  /** The whole file. */
  content: string;
  /** ISO 8601 publication date from seed-timeline.json. */
  published: string;
  /** Gold language, ISO 639-1. */
  lang: string;
}

const timelineSchema = z.object({
  items: z.array(z.object({ seed: z.string(), lang: z.string(), published: z.string() })).min(1),
});

/** The title an RSS item built from a plain or markdown article carries: its first non-empty line. */
export function seedTitle(content: string): string {
  const firstLine = stripMarkdown(content)
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
  return firstLine ?? '';
}

/**
 * Reads the seed articles and `seed-timeline.json` from `dir`, in the gold (publication) order.
 * Throws when the timeline is missing or invalid: the seeds are part of the package.
 */
export function loadSeedArticles(dir: string): SeedArticle[] {
  const timeline = timelineSchema.parse(JSON.parse(readFileSync(path.join(dir, 'seed-timeline.json'), 'utf8')));
  return timeline.items.map((entry) => {
    const content = readFileSync(path.join(dir, entry.seed), 'utf8');
    return { file: entry.seed, title: seedTitle(content), content, published: entry.published, lang: entry.lang };
  });
}
