import type { StoredItem } from '../../core/item.js';
import type { MatchResult } from '../../pipeline/match/score.js';

/** One stored item as the console shows it: language, date, clean-text size and identity. */
export function formatItem(item: StoredItem): string[] {
  const date = item.published ? item.published.toISOString().replace(/\.\d{3}Z$/, 'Z') : 'no date';
  return [
    `  "${item.title}"`,
    `    language ${item.lang} (${item.langSource}) · published ${date} · ${item.text.length} chars of clean text`,
    `    stored as item #${item.id} · key ${item.key}`,
  ];
}

/** A match decision as the console shows it: the verdict, the score and the reasons. */
export function formatMatch(storyId: string, match: MatchResult | null): string[] {
  if (match === null) return [`    story ${storyId}: no match`];
  return [`    story ${storyId}: ${match.matched ? 'MATCH' : 'no match'} (score ${match.score.toFixed(2)})`, `      ${match.reasons.join(' · ')}`];
}
