// The layers of storywatch as ESLint rules: each directory may import only the layers below it
// (docs/ARCHITECTURE.md, "Layers"). Built on the core `no-restricted-imports` rule: one config block
// per source directory, whose patterns match the relative specifiers that reach a forbidden unit
// from that directory, so a rule names exactly the files it means at any depth.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/**
 * Units a layer rule speaks of: a directory (and everything under it), or the `.ts` files directly in
 * a directory (`files`), or one module (`file`, without extension).
 */
const UNITS = {
  core: { dir: 'src/core' },
  config: { dir: 'src/config' },
  taxonomy: { dir: 'src/taxonomy' },
  store: { dir: 'src/store' },
  fetch: { dir: 'src/pipeline/fetch' },
  parse: { dir: 'src/pipeline/parse' },
  normalize: { dir: 'src/pipeline/normalize' },
  dates: { dir: 'src/pipeline/dates' },
  match: { dir: 'src/pipeline/match' },
  detect: { dir: 'src/pipeline/detect' },
  orchestrators: { files: 'src/pipeline' },
  queries: { dir: 'src/queries' },
  delivery: { dir: 'src/delivery' },
  commands: { dir: 'commands' },
  'adapters/common': { dir: 'src/adapters/common' },
  'adapters/console': { dir: 'src/adapters/console' },
  'adapters/discord': { dir: 'src/adapters/discord' },
  'adapters/slack': { dir: 'src/adapters/slack' },
  'adapters/webhook': { dir: 'src/adapters/webhook' },
  scheduler: { dir: 'src/scheduler' },
  server: { dir: 'src/server' },
  demo: { dir: 'src/demo' },
  scale: { dir: 'src/scale' },
  main: { file: 'src/main' },
  cli: { dir: 'src/cli' },
  'cli.ts': { file: 'src/cli' },
};

const all = Object.keys(UNITS);
const except = (...names) => all.filter((u) => !names.includes(u));
const BELOW_PIPELINE = ['core', 'config', 'taxonomy', 'store'];
const PIPELINE = ['fetch', 'parse', 'normalize', 'dates', 'match', 'detect', 'orchestrators'];
const COMMANDS_AND_BELOW = [...BELOW_PIPELINE, ...PIPELINE, 'queries', 'delivery', 'commands'];

/**
 * What each unit may import besides itself. `modules` are single modules of a unit it may not import
 * as a whole: the small public surface a layer offers to the ones above it.
 */
const LAYERS = {
  core: { units: [] },
  // config/ and taxonomy/ are one layer: the taxonomy is read from config/taxonomy/ with config's schemas.
  config: { units: ['core', 'taxonomy'] },
  taxonomy: { units: ['core', 'config'] },
  store: { units: ['core', 'config', 'taxonomy'] },
  // Stages of the pipeline, in the direction data flows: a stage imports only stages before it,
  // and never an orchestrator (src/pipeline/*.ts).
  fetch: { units: BELOW_PIPELINE },
  parse: { units: BELOW_PIPELINE },
  normalize: { units: BELOW_PIPELINE },
  dates: { units: BELOW_PIPELINE },
  match: { units: [...BELOW_PIPELINE, 'dates'] },
  detect: { units: [...BELOW_PIPELINE, 'dates', 'match'] },
  orchestrators: { units: [...BELOW_PIPELINE, ...PIPELINE] },
  // Read models use the pipeline only through its public modules: compiling a story, reading text
  // as the matcher does, and reading dates.
  queries: {
    units: BELOW_PIPELINE,
    modules: ['src/pipeline/match/compile-story', 'src/pipeline/match/read-signals', 'src/pipeline/dates/mentioned-dates'],
  },
  delivery: { units: [...BELOW_PIPELINE, 'queries'] },
  commands: { units: [...BELOW_PIPELINE, ...PIPELINE, 'queries', 'delivery'] },
  // An adapter never imports another platform's adapter.
  'adapters/common': { units: COMMANDS_AND_BELOW },
  'adapters/console': { units: [...COMMANDS_AND_BELOW, 'adapters/common'] },
  'adapters/discord': { units: [...COMMANDS_AND_BELOW, 'adapters/common'] },
  'adapters/slack': { units: [...COMMANDS_AND_BELOW, 'adapters/common'] },
  'adapters/webhook': { units: [...COMMANDS_AND_BELOW, 'adapters/common'] },
  // Hosts run the pipeline and deliveries through ports; platforms reach them from main.ts.
  scheduler: { units: COMMANDS_AND_BELOW },
  server: { units: COMMANDS_AND_BELOW },
  // Composition roots: main.ts wires one process; scale/ and demo/ wire theirs; the CLI is on top.
  main: { units: except('demo', 'scale', 'cli', 'cli.ts') },
  scale: { units: except('demo', 'cli', 'cli.ts') },
  demo: { units: except('main', 'scale', 'cli', 'cli.ts') },
  cli: { units: all },
  'cli.ts': { units: all },
};

/** Chat platforms' packages, each allowed in its adapter only. */
const PLATFORM_PACKAGES = [
  { unit: 'adapters/discord', names: ['discord.js', 'discord-api-types'], groups: ['@discordjs/*', 'discord-api-types/*'] },
  { unit: 'adapters/slack', names: [], groups: ['@slack/*'] },
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The specifier prefix that reaches repo-relative `target` from directory `from`: "../../delivery". */
function relative(from, target) {
  const rel = path.posix.relative(from, target);
  return rel === '' ? '.' : rel.startsWith('.') ? rel : `./${rel}`;
}

/** The unit a directory belongs to: the most specific `dir` unit containing it, else the `files` unit. */
function unitOfDir(dir) {
  let best = null;
  for (const [name, unit] of Object.entries(UNITS)) {
    if (unit.dir && (dir === unit.dir || dir.startsWith(`${unit.dir}/`)) && (!best || unit.dir.length > UNITS[best].dir.length)) best = name;
  }
  if (best) return best;
  return Object.keys(UNITS).find((name) => UNITS[name].files === dir) ?? null;
}

/** A regex source matching specifiers, written in `fromDir`, that reach `unit` but none of `allowed` modules. */
function unitPattern(fromDir, unit, allowed) {
  const spec = UNITS[unit];
  const target = spec.dir ?? spec.files ?? spec.file;
  const base = escape(relative(fromDir, target));
  const inside = allowed.filter((m) => m.startsWith(`${target}/`)).map((m) => m.slice(target.length + 1));
  const keep = (spec.files ? inside.filter((m) => !m.includes('/')) : inside).map(escape);
  const notKept = keep.length > 0 ? `(?!(?:${keep.join('|')})\\.js$)` : '';
  if (spec.file) return `^${base}\\.js$`;
  if (spec.files) return `^${base}/${notKept}[^/]+\\.js$`;
  return `^${base}/${notKept}`;
}

/** Each directory of `dir` with `.ts` files in it, and those files' names. */
function sourceDirs(dir) {
  const entries = readdirSync(path.join(ROOT, dir), { withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => e.name);
  const here = files.length > 0 ? [{ dir, files }] : [];
  return [...here, ...entries.filter((e) => e.isDirectory()).flatMap((e) => sourceDirs(`${dir}/${e.name}`))];
}

/** Blocks of files under one rule: a module unit alone (src/main.ts), the other files of a directory together. */
function blocksOf({ dir, files }) {
  const fileUnit = (name) => Object.keys(UNITS).find((u) => UNITS[u].file === `${dir}/${name.replace(/\.ts$/, '')}`);
  const single = files.filter(fileUnit).map((name) => ({ unit: fileUnit(name), dir, files: [`${dir}/${name}`] }));
  const rest = files.some((name) => !fileUnit(name)) ? [{ unit: unitOfDir(dir), dir, files: [`${dir}/*.ts`], ignores: single.flatMap((b) => b.files) }] : [];
  return [...single, ...rest];
}

/** The `no-restricted-imports` options for files of `unit` in directory `dir`. */
function restrictionsFor(unit, dir) {
  if (!unit) throw new Error(`eslint/layers.js: ${dir} belongs to no layer; add it to UNITS and LAYERS`);
  const layer = LAYERS[unit];
  const modules = layer.modules ?? [];
  const patterns = all
    .filter((u) => u !== unit && !layer.units.includes(u))
    .map((u) => ({
      regex: unitPattern(dir, u, modules),
      message: `${unit} may not import ${u}: it is ${u === 'orchestrators' ? 'an orchestrator of the pipeline' : 'a layer above or beside it'} (docs/ARCHITECTURE.md, "Layers").`,
    }));
  const platforms = PLATFORM_PACKAGES.filter((p) => p.unit !== unit);
  const message = (p) => `chat platforms live only in ${UNITS[p.unit].dir}/; use the ports (Sender) and the message model instead.`;
  return {
    paths: platforms.flatMap((p) => p.names.map((name) => ({ name, message: message(p) }))),
    patterns: [...patterns, ...platforms.map((p) => ({ group: p.groups, message: message(p) }))],
  };
}

/** Flat-config blocks that keep the layering, one per source directory of src/ and commands/. */
export const layerRules = ['src', 'commands']
  .flatMap(sourceDirs)
  .flatMap(blocksOf)
  .map(({ unit, dir, files, ignores }) => ({
    files,
    ...(ignores && ignores.length > 0 ? { ignores } : {}),
    rules: { 'no-restricted-imports': ['error', restrictionsFor(unit, dir)] },
  }));
