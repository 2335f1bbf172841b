import type { AlertLabel } from '../core/alert-label.js';
import type { StoredItem } from '../core/item.js';
import { sentences } from '../core/text/segments.js';
import type { Store } from '../store/ports.js';

/** How long the exported lead is at most, in characters (the corpus holds a headline and a lead). */
const LEAD_MAX = 1200;
/** Sentences of the stored text the lead takes at most. */
const LEAD_SENTENCES = 3;

/**
 * One line of `storywatch labels export`, in the corpus format `eval` and `train` read
 * (docs/decisions/012, 027): the item as stored, its label, split `dev`, and the readers' labels as provenance.
 */
export interface LabelLine {
  id: string;
  lang: string;
  title: string | null;
  title_source: 'page' | 'none';
  summary: string;
  published: string | null;
  source_url?: string;
  label: 'off_topic' | 'in_cluster';
  split: 'dev';
  note: string;
  /** For "wrong date": the days the alert gave, which readers said are wrong. */
  date_note?: string;
  /** Who said what, when, where: one entry per label. */
  provenance: { story: string; alert: number; choice: AlertLabel['choice']; platform: string; tenant: string; user: string; at: string }[];
}

/** The first sentences of the stored text, within LEAD_MAX characters. */
function lead(text: string): string {
  let out = '';
  for (const sentence of sentences(text).slice(0, LEAD_SENTENCES)) {
    const next = out === '' ? sentence : `${out} ${sentence}`;
    if (next.length > LEAD_MAX) break;
    out = next;
  }
  return out || text.slice(0, LEAD_MAX);
}

/**
 * The labels of one story (or all) as corpus lines, one per labeled item and story in the order of
 * their first label: `off_topic` when a reader said "not this story"; otherwise (only "wrong date")
 * `in_cluster` — readers took it for the story — with a date note naming the alert's days and no
 * labeled developments (the right day is not known).
 */
export async function labelLines(store: Store, storyId?: string): Promise<LabelLine[]> {
  const labels = await store.listAlertLabels(storyId === undefined ? {} : { storyId });
  const groups = new Map<string, AlertLabel[]>();
  for (const label of labels) groups.set(`${label.storyId}\u0000${label.itemId}`, [...(groups.get(`${label.storyId}\u0000${label.itemId}`) ?? []), label]);
  const items = new Map((await store.getItems([...new Set(labels.map((l) => l.itemId))])).map((i) => [i.id, i]));
  const days = new Map<number, string>();
  for (const story of new Set(labels.map((l) => l.storyId))) for (const d of await store.listDevelopments(story)) days.set(d.id, d.date);
  const lines: LabelLine[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    const item = first ? items.get(first.itemId) : undefined;
    if (!first || !item) continue;
    const alertDays = new Map<number, string[]>();
    for (const alert of await Promise.all([...new Set(group.map((l) => l.alertId))].map((id) => store.getAlert(id)))) {
      if (alert)
        alertDays.set(
          alert.id,
          alert.developments.map((id) => days.get(id)).filter((d): d is string => d !== undefined),
        );
    }
    lines.push(line(item, group, [...new Set([...alertDays.values()].flat())].sort()));
  }
  return lines;
}

function line(item: StoredItem, group: AlertLabel[], alertDays: string[]): LabelLine {
  const first = group[0] as AlertLabel;
  const offTopic = group.filter((l) => l.choice === 'off_topic').length;
  const wrongDate = group.length - offTopic;
  const title = item.title.trim() === '' ? null : item.title;
  return {
    id: `label-${first.storyId}-${item.id}`,
    lang: item.lang,
    title,
    title_source: title === null ? 'none' : 'page',
    summary: lead(item.text),
    published: item.published?.toISOString() ?? null,
    ...(item.link ? { source_url: item.link } : {}),
    label: offTopic > 0 ? 'off_topic' : 'in_cluster',
    split: 'dev',
    note: `readers' labels on alerts of ${first.storyId}: ${offTopic} "not this story", ${wrongDate} "wrong date"`,
    ...(wrongDate > 0 ? { date_note: `readers said the date is wrong: the alert gave ${alertDays.join(', ') || 'no day'}` } : {}),
    provenance: group.map((l) => ({
      story: l.storyId,
      alert: l.alertId,
      choice: l.choice,
      platform: l.platform,
      tenant: l.tenantId,
      user: l.userId,
      at: l.at.toISOString(),
    })),
  };
}
