import type { StoredItem } from '../../core/item.js';

/** One stored item as the console shows it: language, date, clean-text size and identity. */
export function formatItem(item: StoredItem): string[] {
  const date = item.published ? item.published.toISOString().replace(/\.\d{3}Z$/, 'Z') : 'no date';
  return [
    `  "${item.title}"`,
    `    language ${item.lang} (${item.langSource}) · published ${date} · ${item.text.length} chars of clean text`,
    `    stored as item #${item.id} · key ${item.key}`,
  ];
}
