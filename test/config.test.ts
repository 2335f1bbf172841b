import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readEnv } from '../src/config/env.js';
import { loadConfig } from '../src/config/load.js';
import { parseDurationSec } from '../src/config/duration.js';
import { baseTaxonomy, readTaxonomy, TaxonomyError } from '../src/taxonomy/base-taxonomy.js';

const dirs: string[] = [];
function configDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'storywatch-config-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('config loading', () => {
  it('loads the repository configuration', () => {
    const loaded = loadConfig({ STORYWATCH_CONFIG_DIR: 'config' });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.stories.map((s) => s.id)).toContain('iran-pakistan-2024');
    expect(loaded.value.feeds.length).toBeGreaterThan(3);
    expect(loaded.value.settings.fetch).toMatchObject({ timeoutMs: 15_000, maxBytes: 10 * 1024 * 1024, maxRedirects: 5, allowPrivateNetworks: false });
    expect(loaded.value.feeds.every((f) => f.intervalSec >= 60)).toBe(true);
  });

  it('gives defaults when optional files are missing', () => {
    const loaded = loadConfig({ STORYWATCH_CONFIG_DIR: configDir({}) });
    expect(loaded.ok && loaded.value.feeds).toEqual([]);
    expect(loaded.ok && loaded.value.schedules.poll.defaultInterval).toBe(600);
  });

  it('names the file, the field and what was expected', () => {
    const dir = configDir({
      'feeds.yml': 'feeds:\n  - url: ftp://example.org/feed\n  - url: https://example.org/rss\n    interval: soon\n',
    });
    const loaded = loadConfig({ STORYWATCH_CONFIG_DIR: dir });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.code).toBe('CONFIG_INVALID');
    expect(loaded.error.message).toContain(`${path.join(dir, 'feeds.yml')}: feeds.0.url: expected an http(s) URL`);
    expect(loaded.error.message).toContain('feeds.1.interval: expected a duration like "90s", "15m", "1h"');
  });

  it('rejects unknown keys, too-short intervals and bad cron expressions', () => {
    const dir = configDir({
      'feeds.yml': 'feeds:\n  - url: https://example.org/rss\n    interval: 5s\n    colour: red\n',
      'schedules.yml': 'poll:\n  tick: "every minute"\n',
    });
    const loaded = loadConfig({ STORYWATCH_CONFIG_DIR: dir });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.message).toMatch(/feeds\.yml: feeds\.0: Unrecognized key: "colour"/);
    expect(loaded.error.message).toMatch(/feeds\.yml: feeds\.0\.interval: the poll interval must be at least 60s/);
    expect(loaded.error.message).toMatch(/schedules\.yml: poll\.tick: expected a cron expression/);
  });

  it('refuses a feed lease shorter than the fetch timeout, which the lease must outlast', () => {
    const loaded = loadConfig({ STORYWATCH_CONFIG_DIR: configDir({ 'storywatch.yml': 'fetch:\n  timeoutMs: 30000\n  leaseSeconds: 20\n' }) });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.message).toMatch(/storywatch\.yml: fetch\.leaseSeconds: must be longer than fetch\.timeoutMs/);
    const fine = loadConfig({ STORYWATCH_CONFIG_DIR: configDir({ 'storywatch.yml': 'fetch:\n  timeoutMs: 10000\n  leaseSeconds: 20\n' }) });
    expect(fine.ok && fine.value.settings.fetch.leaseSeconds).toBe(20);
  });

  it('still loads a file with the removed pg-boss workers section, and warns what replaces each key', () => {
    const old = 'fetch:\n  timeoutMs: 30000\nworkers:\n  pollConcurrency: 2\n  tickMs: 300\n  jobExpireSeconds: 6\n  maintenanceSeconds: 1\n';
    const loaded = loadConfig({ STORYWATCH_CONFIG_DIR: configDir({ 'storywatch.yml': old }) });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.settings).not.toHaveProperty('workers');
    expect(loaded.value.warnings).toHaveLength(1);
    const [warning] = loaded.value.warnings;
    expect(warning).toMatch(/storywatch\.yml: workers is deprecated and ignored \(decision 017\)/);
    expect(warning).toContain('workers.pollConcurrency: use poll.concurrency in schedules.yml');
    expect(warning).toContain('workers.tickMs: use poll.tick in schedules.yml');
    expect(warning).toContain('workers.jobExpireSeconds: use fetch.leaseSeconds');
    expect(warning).toContain('workers.maintenanceSeconds: no replacement');
    const odd = loadConfig({ STORYWATCH_CONFIG_DIR: configDir({ 'storywatch.yml': 'workers: yes\n' }) });
    expect(odd.ok && odd.value.warnings).toEqual([expect.stringMatching(/workers is deprecated and ignored/)]);
    const none = loadConfig({ STORYWATCH_CONFIG_DIR: configDir({}) });
    expect(none.ok && none.value.warnings).toEqual([]);
  });

  it('gives the delivery probe and the run --once budget defaults, and checks them', () => {
    const defaults = loadConfig({ STORYWATCH_CONFIG_DIR: configDir({}) });
    expect(defaults.ok && defaults.value.settings.delivery).toEqual({ claimSeconds: 120, authProbeSeconds: 300, onceBudgetSeconds: 120 });
    const set = loadConfig({ STORYWATCH_CONFIG_DIR: configDir({ 'storywatch.yml': 'delivery:\n  authProbeSeconds: 30\n  onceBudgetSeconds: 600\n' }) });
    expect(set.ok && set.value.settings.delivery).toMatchObject({ authProbeSeconds: 30, onceBudgetSeconds: 600 });
    const bad = loadConfig({ STORYWATCH_CONFIG_DIR: configDir({ 'storywatch.yml': 'delivery:\n  authProbeSeconds: 0\n  onceBudgetSeconds: forever\n' }) });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.message).toMatch(/storywatch\.yml: delivery\.authProbeSeconds: /);
    expect(bad.error.message).toMatch(/storywatch\.yml: delivery\.onceBudgetSeconds: /);
  });

  it('reports YAML syntax errors with the file', () => {
    const dir = configDir({ 'storywatch.yml': 'fetch: [unclosed\n' });
    const loaded = loadConfig({ STORYWATCH_CONFIG_DIR: dir });
    expect(!loaded.ok && loaded.error.message).toMatch(/storywatch\.yml: cannot be read as YAML/);
  });

  const storyBody = [
    'sides: [{ id: turkey, label: Turkey }, { id: syria, label: Syria }]',
    'entities:',
    '  - { id: turkey, label: Turkey, kind: country, side: turkey, countries: [TR] }',
    '  - { id: syria, label: Syria, kind: country, side: syria, countries: [SY] }',
    'events: { kinds: [casualties] }',
  ].join('\n');

  it('checks story files: fields, window order and id = file name', () => {
    const dir = configDir({
      'stories/quake-2023.yml': `id: quake-2023\ntitle: Earthquake\ndescription: d\nwindow: { from: "2023-02-10", to: "2023-02-01" }\n${storyBody}\n`,
      'stories/other.yml': `id: not-other\ntitle: T\ndescription: d\nwindow: { from: "2023-01-01" }\n${storyBody}\n`,
      'stories/bad.yml': 'id: Bad Id\ntitle: ""\n',
    });
    const loaded = loadConfig({ STORYWATCH_CONFIG_DIR: dir });
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.message).toContain('quake-2023.yml: window: window.to must not be before window.from');
    expect(loaded.error.message).toContain('other.yml: id: expected "other" (the file name), got "not-other"');
    expect(loaded.error.message).toMatch(/bad\.yml: id: expected a lowercase id/);
    expect(loaded.error.message).toMatch(/bad\.yml: description: /);
    expect(loaded.error.message).toMatch(/bad\.yml: sides: /);
  });

  const quake = (lines: string[]) =>
    loadConfig({
      STORYWATCH_CONFIG_DIR: configDir({
        'stories/quake-2023.yml': ['id: quake-2023', 'title: Earthquake', 'description: d', 'window: { from: "2023-02-06" }', ...lines].join('\n'),
      }),
    });

  it('checks the fields of sides, entities, names and event kinds of a story', () => {
    const loaded = quake([
      'sides: [{ id: turkey, label: Turkey }]',
      'entities:',
      '  - { id: turkey, label: Turkey, kind: country, side: turkey, countries: [tr] }',
      '  - { id: aleppo, label: Aleppo, kind: city, names: { en: [Aleppo], Arabic: [حلب] } }',
      'events: { kinds: [earthquake] }',
      'threshold: 2',
    ]);
    const message = loaded.ok ? '' : loaded.error.message;
    expect(message).toContain('entities.0.countries.0: expected an ISO 3166-1 alpha-2 code');
    expect(message).toMatch(/entities\.1\.names\.Arabic: Invalid key in record: expected a language code/);
    expect(message).toMatch(/events\.kinds\.0: .*military_strike/);
    expect(message).toMatch(/threshold: .*<=1/);
  });

  it('refuses an entity that reports a kind the story does not count', () => {
    const loaded = quake([
      'sides: [{ id: turkey, label: Turkey }]',
      'entities:',
      '  - { id: turkey, label: Turkey, kind: country, side: turkey, countries: [TR] }',
      '  - { id: relief, label: Operation Relief, kind: operation, side: turkey, names: { en: [Operation Relief] }, reports: flood }',
      'events: { kinds: [military_strike] }',
    ]);
    expect(loaded.ok ? '' : loaded.error.message).toMatch(/entities\.1\.reports: "flood" is not one of events\.kinds/);
  });

  it('takes kinds a story defines, with their family, merge rule and cues in any language', () => {
    const story = (events: string[]) =>
      quake([
        'sides: [{ id: turkey, label: Turkey }]',
        'entities:',
        '  - { id: turkey, label: Turkey, kind: country, side: turkey, countries: [TR] }',
        'events:',
        ...events,
      ]);
    const ok = story([
      '  kinds: [earthquake, casualties]',
      '  cues: { casualties: { ka: [დაიღუპა] } }',
      '  define:',
      '    earthquake: { label: earthquake, family: disaster, cues: { hy: [երկրաշարժ], az: [zəlzələ], pl: [trzęsienie ziemi] } }',
    ]);
    expect(ok.ok && ok.value.stories[0]?.events.define?.earthquake).toEqual({
      label: 'earthquake',
      family: 'disaster',
      rank: 1,
      standalone: true,
      directed: false,
      joinsAnyFamily: false,
      replies: false,
      partOf: [],
      oneSided: false,
      cues: { hy: ['երկրաշարժ'], az: ['zəlzələ'], pl: ['trzęsienie ziemi'] },
    });
    const bad = story([
      '  kinds: [earthquake, casualties]',
      '  cues: { statement: { en: [said] } }',
      '  define:',
      '    casualties: { label: deaths, family: military }',
      '    earthquake: { label: earthquake, family: Disaster, rank: -1, cues: { Armenian: [երկրաշարժ] } }',
      '    flood: { label: flood, family: disaster }',
    ]);
    const message = bad.ok ? '' : bad.error.message;
    expect(message).toMatch(/events\.define\.earthquake\.family: expected a family id/);
    expect(message).toMatch(/events\.define\.earthquake\.rank: /);
    expect(message).toMatch(/events\.define\.earthquake\.cues\.Armenian: Invalid key in record: expected a language code/);
    const kinds = story([
      '  kinds: [earthquake, casualties]',
      '  cues: { statement: { en: [said] } }',
      '  define:',
      '    casualties: { label: deaths, family: military }',
      '    flood: { label: flood, family: disaster, partOf: [landslide] }',
    ]);
    const kindsMessage = kinds.ok ? '' : kinds.error.message;
    expect(kindsMessage).toMatch(/events\.kinds\.0: unknown kind "earthquake"/);
    expect(kindsMessage).toMatch(/events\.define\.casualties: "casualties" is a base kind; add words to it with events\.cues/);
    expect(kindsMessage).toMatch(/events\.define\.flood: "flood" is not one of events\.kinds/);
    expect(kindsMessage).toMatch(/events\.cues\.statement: "statement" is not one of events\.kinds/);
    expect(kindsMessage).toMatch(/events\.define\.flood\.partOf\.0: "landslide" is not one of events\.kinds/);
  });

  it('reads the base taxonomy from config/taxonomy/base.yml and names the file and field of an error', () => {
    const base = baseTaxonomy();
    expect([...base.keys()]).toContain('military_strike');
    expect(base.get('casualties')).toMatchObject({ family: 'military', standalone: false });
    expect(base.get('statement')).toMatchObject({ joinsAnyFamily: true });
    const dir = configDir({
      'taxonomy/bad.yml': ['kinds:', '  Strike: { label: strike, family: military }', '  visit: { label: visit, family: diplomacy, standalone: maybe }'].join(
        '\n',
      ),
    });
    const file = path.join(dir, 'taxonomy', 'bad.yml');
    expect(() => readTaxonomy(file)).toThrow(TaxonomyError);
    expect(() => readTaxonomy(file)).toThrow(/bad\.yml: kinds\.Strike: .*expected a kind id[^]*bad\.yml: kinds\.visit\.standalone: /);
  });

  it('checks that entities name known sides and every side has an entity', () => {
    const loaded = quake([
      'sides: [{ id: turkey, label: Turkey }, { id: syria, label: Syria }]',
      'entities:',
      '  - { id: turkey, label: Turkey, kind: country, side: turkey, countries: [TR] }',
      '  - { id: aleppo, label: Aleppo, kind: city, side: syrie, names: { en: [Aleppo], ar: [حلب] } }',
      '  - { id: afad, label: AFAD, kind: organization }',
      'events: { kinds: [casualties] }',
    ]);
    const message = loaded.ok ? '' : loaded.error.message;
    expect(message).toContain('entities.1.side: unknown side "syrie"; expected one of turkey, syria');
    expect(message).toContain('entities.2: an entity needs countries or names');
    expect(message).toContain('sides: side "syria" has no entities');
  });

  it('applies environment overrides', () => {
    const dir = configDir({});
    const loaded = loadConfig({ STORYWATCH_CONFIG_DIR: dir, STORYWATCH_DB: 'x/y.db', STORYWATCH_ALLOW_PRIVATE_NETWORKS: true, LOG_LEVEL: 'debug' });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.databasePath).toBe(path.resolve('x/y.db'));
    expect(loaded.value.settings.fetch.allowPrivateNetworks).toBe(true);
    expect(loaded.value.settings.log.level).toBe('debug');
  });

  it('fails on a missing folder and on bad environment values', () => {
    expect(loadConfig({ STORYWATCH_CONFIG_DIR: '/nonexistent/storywatch' })).toMatchObject({ ok: false, error: { code: 'CONFIG_MISSING' } });
    expect(() => readEnv({ STORYWATCH_ALLOW_PRIVATE_NETWORKS: 'maybe' })).toThrow(/CONFIG_INVALID: environment: STORYWATCH_ALLOW_PRIVATE_NETWORKS/);
    expect(readEnv({ STORYWATCH_ALLOW_PRIVATE_NETWORKS: 'yes' }).STORYWATCH_ALLOW_PRIVATE_NETWORKS).toBe(true);
  });

  it('parses durations', () => {
    expect(parseDurationSec('90s')).toBe(90);
    expect(parseDurationSec('15m')).toBe(900);
    expect(parseDurationSec('1h')).toBe(3600);
    expect(parseDurationSec(120)).toBe(120);
    expect(parseDurationSec('0m')).toBeNull();
    expect(parseDurationSec('soon')).toBeNull();
  });
});
