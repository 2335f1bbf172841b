import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { inputLineSchema } from '../src/cli/jsonl-input.js';
import { runCli } from './helpers/cli.js';
import { READERS, STORY, startLabelHarness, type LabelHarness } from './helpers/label-harness.js';

/** Readers' labels, given with the buttons on the fake Discord and Slack, exported as corpus lines and read by eval and train. */
describe('labels export, read by eval and train', () => {
  let h: LabelHarness;
  let exported: string;
  let corpus: string;
  let env: { config: string; db: string };
  const cli = (...args: string[]) => runCli(['--config', env.config, '--db', env.db, ...args]);

  beforeAll(async () => {
    h = await startLabelHarness();
    // Three readers on each alert: "not this story" on the first, "wrong date" on the second.
    const [first, second] = h.alerts;
    for (const [alert, code] of [
      [first, 'o'],
      [second, 'd'],
    ] as const) {
      const id = `sw:fb:1:${alert?.id}:${code}`;
      await h.discordClick(id, READERS[0] as string);
      await h.slackClick(id, 'U0READER');
      await h.discordClick(id, READERS[code === 'o' ? 1 : 2] as string);
    }
    const config = path.join(h.dir, 'config');
    mkdirSync(config);
    cpSync(path.join('config', 'stories'), path.join(config, 'stories'), { recursive: true });
    cpSync(path.join('config', 'taxonomy'), path.join(config, 'taxonomy'), { recursive: true });
    writeFileSync(path.join(config, 'storywatch.yml'), 'fetch:\n  allowPrivateNetworks: true\n');
    env = { config, db: path.join(h.dir, 'sw.db') };
    exported = path.join(h.dir, 'labels.jsonl');
    // The corpus' first 120 lines (both splits): real items, fewer of them, so train and eval run fast.
    corpus = path.join(h.dir, 'corpus-part.jsonl');
    const lines = readFileSync(path.join('test', 'fixtures', 'corpus', `${STORY}.jsonl`), 'utf8')
      .split('\n')
      .slice(0, 120);
    writeFileSync(corpus, `${lines.join('\n')}\n`);
  }, 60_000);
  afterAll(() => h.close());

  it('writes one corpus line per labeled item: the item as stored, off_topic or a date note, who and when', async () => {
    const r = await cli('labels', 'export', '--story', STORY, '--out', exported);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('wrote 2 labeled item(s) (1 off_topic, 1 in_cluster with a date note)');
    const lines = readFileSync(exported, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const [gone, dated] = await h.store.getItems([h.alerts[0]?.itemId ?? 0, h.alerts[1]?.itemId ?? 0]);
    expect(lines.map((l) => inputLineSchema.safeParse(l).success)).toEqual([true, true]);
    expect(lines[0]).toMatchObject({ label: 'off_topic', split: 'dev', title: gone?.title, lang: gone?.lang });
    expect(lines[0]?.source_url).toBe(gone?.link ?? undefined);
    expect(gone?.text.startsWith(String(lines[0]?.summary).slice(0, 40))).toBe(true);
    expect((lines[0]?.provenance as { user: string }[]).map((p) => p.user)).toEqual([READERS[0], 'U0READER', READERS[1]]);
    expect(lines[1]).toMatchObject({ label: 'in_cluster', split: 'dev', title: dated?.title });
    expect(String(lines[1]?.date_note)).toMatch(/^readers said the date is wrong: the alert gave 2024-01-\d\d/);
    expect(lines[1]?.developments).toBeUndefined();
    expect((await cli('labels', 'export', '--story', 'no-such-story')).err).toContain('STORY_NOT_FOUND');
  }, 60_000);

  it('eval --labels adds the lines to what it measures, never on the test split; train --labels records them', async () => {
    const out = path.join(h.dir, 'weights.yml');
    // Each run only reads the corpus and the labels (train writes its own weights file): side by side.
    const [plainRun, r, onTest, trained] = await Promise.all([
      cli('eval', '--story', STORY, '--input', corpus, '--split', 'dev', '--json'),
      cli('eval', '--story', STORY, '--input', corpus, '--split', 'dev', '--labels', exported, '--json'),
      cli('eval', '--story', STORY, '--input', corpus, '--split', 'test', '--labels', exported),
      cli('train', '--story', STORY, '--input', corpus, '--labels', exported, '--out', out),
    ]);
    const plain = JSON.parse(plainRun.out) as Record<string, Record<string, { n: number }>>;
    expect(r.code, r.err).toBe(0);
    const withLabels = JSON.parse(r.out) as typeof plain & { items: number; labels: { lines: number; heldOut: number } };
    expect(withLabels.labels).toMatchObject({ lines: 2, heldOut: 0 });
    expect(withLabels.items).toBe(Number(plain.items) + 2);
    expect(withLabels.byLabel?.off_topic?.n).toBe((plain.byLabel?.off_topic?.n ?? 0) + 1);
    expect(withLabels.byLabel?.in_cluster?.n).toBe((plain.byLabel?.in_cluster?.n ?? 0) + 1);
    expect([onTest.code, onTest.err]).toEqual([2, expect.stringContaining('EVAL_LABELS_TEST')]);

    expect(trained.code, trained.err).toBe(0);
    expect(trained.out).toContain("and 2 readers' label(s)");
    const weights = parseYaml(readFileSync(out, 'utf8')) as { trainedOn: { items: number; labels: { items: number; sha256: string } } };
    expect(weights.trainedOn.labels.items).toBe(2);
    expect(weights.trainedOn.labels.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it('sets aside a label whose source URL is an item of the test split', async () => {
    const testLine =
      readFileSync(corpus, 'utf8')
        .split('\n')
        .find((l) => l.includes('"split": "test"')) ?? '';
    const testUrl = (JSON.parse(testLine) as { source_url: string }).source_url;
    const [first, second] = readFileSync(exported, 'utf8').trim().split('\n');
    const leaked = path.join(h.dir, 'leaked.jsonl');
    writeFileSync(leaked, `${JSON.stringify({ ...(JSON.parse(first ?? '{}') as object), source_url: testUrl })}\n${second}\n`);
    const r = await cli('eval', '--story', STORY, '--input', corpus, '--split', 'dev', '--labels', leaked, '--json');
    expect(r.code, r.err).toBe(0);
    expect((JSON.parse(r.out) as { labels: unknown }).labels).toMatchObject({ lines: 1, heldOut: 1 });
    expect(r.err).toContain('LABELS_HELD_OUT');
  }, 120_000);
});
