import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = [path.resolve('dist/src/cli.js')];
const SEEDS = path.join('test', 'fixtures', 'seeds');

interface Gold {
  items: { seed: string; published: string }[];
  timeline: { id: string; date: string; kind: string }[];
  expected_replay: { after: string; alert: boolean; new_developments: string[] }[];
}
interface Replay {
  alerts: { item: string; developments: { id: string; date: string; kind: string; actors: string[]; summary: string }[] }[];
  timeline: { id: string; date: string; kind: string; actors: string[]; label: string; summary: string; sources: string[]; languages: string[] }[];
}

const gold = JSON.parse(readFileSync(path.join(SEEDS, 'seed-timeline.json'), 'utf8')) as Gold;

function replay(lines: object[]): Replay {
  const r = spawnSync(process.execPath, [...CLI, 'replay', '--story', 'iran-pakistan-2024', '--input', '-'], {
    encoding: 'utf8',
    input: lines.map((l) => JSON.stringify(l)).join('\n'),
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Replay;
}

/** The gold developments by the date they happened (each gold development has its own day). */
const goldByDate = new Map(gold.timeline.map((d) => [d.date, d]));

describe('replay of the seeds in gold order', () => {
  const result = replay(gold.items.map((i) => ({ id: i.seed, content: readFileSync(path.join(SEEDS, i.seed), 'utf8'), published: i.published })));

  it('alerts exactly as expected_replay: D1–D4 after the first item, D5 after the last, nothing in between', () => {
    const expected = gold.expected_replay
      .filter((e) => e.alert)
      .map((e) => ({ item: e.after, dates: e.new_developments.map((id) => gold.timeline.find((d) => d.id === id)?.date) }));
    expect(result.alerts.map((a) => ({ item: a.item, dates: a.developments.map((d) => d.date).sort() }))).toEqual(expected);
  });

  it('builds a timeline of exactly the five developments, with their dates and kinds', () => {
    expect(result.timeline.map((d) => d.date)).toEqual(gold.timeline.map((d) => d.date));
    for (const d of result.timeline) {
      const g = goldByDate.get(d.date);
      // The talks of 29 January were also an agreement on security cooperation: either kind names them.
      expect(g?.id === 'D5' ? ['diplomatic_talks', 'agreement'] : [g?.kind]).toContain(d.kind);
      expect(d.actors.sort()).toEqual(['Iran', 'Pakistan']);
    }
  });

  it('adds later reports as sources in other languages instead of new developments', () => {
    const strike = result.timeline.find((d) => d.date === '2024-01-18');
    expect(strike?.sources).toEqual(expect.arrayContaining(['000_be8fd4a3e384dab9.txt', '004_d59ca8e82a3761f9.txt']));
    expect(strike?.languages).toEqual(expect.arrayContaining(['vi', 'en', 'zh']));
    const talks = result.timeline.find((d) => d.date === '2024-01-29');
    expect(talks?.sources).toEqual(['002_1080877441b5f5c9.txt']);
    expect(talks?.languages).toEqual(['ar']);
  });

  it('takes nothing from the Qatar paragraph at the end of seed 002', () => {
    expect(result.timeline.some((d) => /قطر/.test(d.summary) || d.date >= '2024-11-01')).toBe(false);
  });
});

describe('replay of a repeat in another order and language', () => {
  it('stays quiet when the same news comes again, and skips items of other stories', () => {
    const result = replay([
      {
        id: 'fr-1',
        title: 'Le Pakistan frappe des cibles en Iran',
        summary: 'Le Pakistan a mené jeudi des frappes aériennes contre des « repaires terroristes » dans la province iranienne du Sistan-Baloutchistan.',
        published: '2024-01-18T08:00:00Z',
      },
      {
        id: 'ru-1',
        title: 'Пакистан нанёс удары по территории Ирана',
        summary: 'Пакистан в четверг нанёс авиаудары по объектам боевиков в иранской провинции Систан и Белуджистан.',
        published: '2024-01-18T11:00:00Z',
      },
      {
        id: 'off',
        title: 'Iran beat Japan in Asian Cup quarter-final',
        summary: 'Iran came from behind to beat Japan 2-1 on Saturday.',
        published: '2024-02-03T18:00:00Z',
      },
      {
        id: 'tr-1',
        title: 'İran ve Pakistan dışişleri bakanları gerilimi azaltma konusunda anlaştı',
        summary: 'İran ve Pakistan dışişleri bakanları Cuma günü telefonda görüştü ve gerilimi azaltma konusunda anlaştı.',
        published: '2024-01-19T15:00:00Z',
      },
    ]);
    expect(result.alerts.map((a) => [a.item, a.developments.map((d) => `${d.date} ${d.kind}`)])).toEqual([
      ['fr-1', ['2024-01-18 military_strike']],
      ['tr-1', ['2024-01-19 de_escalation']],
    ]);
    expect(result.timeline.find((d) => d.date === '2024-01-18')?.sources).toEqual(['fr-1', 'ru-1']);
  });
});
