import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { kindIdSchema } from '../config/kind-schema.js';
import type { Item } from '../core/item.js';
import { err, ok, type Result } from '../core/result.js';
import { normalizeItem } from '../pipeline/normalize/normalize-item.js';
import { inputError } from './input-error.js';

/** A text field a labeled corpus may give as null (no headline shown, no date shown): null reads as absent. */
const nullableText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

/**
 * A development an in-story labeled item reports: its kind (any kind id, known to the story's
 * taxonomy or not, e.g. `displacement`), the day it happened (null when the item does not say), its actors. */
export const labeledDevelopmentSchema = z.looseObject({
  kind: kindIdSchema,
  date: z.iso.date().nullable(),
  actors: z.array(z.string()).optional(),
});

/**
 * One input line of `match`, `eval` and `replay`: an item as JSON. Reads both the hand-written sets
 * and the real corpus (docs/decisions/012-real-corpus.md): `title` and `published` may be null, and a
 * line may carry its provenance (`source_url`, `title_source`), its `split` and whether it is a `hard` near miss.
 */
export const inputLineSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  title: nullableText,
  summary: z.string().optional(),
  content: z.string().optional(),
  link: z.string().optional(),
  published: nullableText,
  lang: z.string().optional(),
  label: z.enum(['in_cluster', 'near_miss', 'off_topic']).optional(),
  /** For evaluation: the developments an in-story item reports. */
  developments: z.array(labeledDevelopmentSchema).optional(),
  /** For evaluation: the corpus split the line belongs to (`eval --split`). */
  split: z.enum(['dev', 'test']).optional(),
  /** For evaluation: a near miss that is hard to tell from the story. */
  hard: z.boolean().optional(),
  source_url: z.string().optional(),
  title_source: z.enum(['page', 'url_slug', 'none']).optional(),
});

/** A development as a labeled line gives it. */
export type LabeledDevelopment = z.infer<typeof labeledDevelopmentSchema>;

export type InputLine = z.infer<typeof inputLineSchema>;

/** A parsed input line, or the error that line has. */
export type InputRecord = { line: number } & ({ ok: true; value: InputLine } | { ok: false; error: string });

/** Why an input file cannot be read, as a coded input error (INPUT_NOT_FOUND, INPUT_NOT_READABLE). */
function unreadable(file: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENOENT') return inputError('INPUT_NOT_FOUND', `${file}: no such file (give a JSON lines file, or - for stdin)`);
  const why = error.code === 'EISDIR' ? 'is a directory' : error.code === 'EACCES' ? 'permission denied' : error.message;
  return inputError('INPUT_NOT_READABLE', `${file}: ${why}`);
}

/**
 * Reads JSON lines from a file, or from stdin when the path is "-". Blank lines are skipped. A file
 * that cannot be read fails with INPUT_NOT_FOUND or INPUT_NOT_READABLE (exit code 2).
 */
export async function* readJsonLines(file: string): AsyncGenerator<InputRecord> {
  if (file === '-') yield* parseLines(process.stdin);
  else {
    const input = createReadStream(file, { encoding: 'utf8' });
    // Opening fails asynchronously: wait for the file to open, so the error names the file.
    await new Promise<void>((resolve, reject) => {
      input.once('ready', () => resolve());
      input.once('error', (e: NodeJS.ErrnoException) => reject(unreadable(file, e)));
    });
    try {
      yield* parseLines(input);
    } catch (e) {
      throw (e as NodeJS.ErrnoException).code ? unreadable(file, e as NodeJS.ErrnoException) : e;
    }
  }
}

async function* parseLines(input: NodeJS.ReadableStream): AsyncGenerator<InputRecord> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (text.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      yield { line, ok: false, error: `not JSON (${(e as Error).message})` };
      continue;
    }
    const parsed = inputLineSchema.safeParse(json);
    if (parsed.success) yield { line, ok: true, value: parsed.data };
    else yield { line, ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') };
  }
}

/**
 * Normalizes an input line like a feed entry (HTML to text, boilerplate removed, language,
 * date); the summary leads the content when both are given. A corpus line's `source_url` is the
 * item's link when it gives none (the matcher reads a date in it); the line's id stays the item's
 * identity, so the replay's order of undated items (ties by key) does not depend on the address.
 */
export function inputToItem(line: InputLine, now: Date): Result<Item> {
  const body = [line.summary, line.content].filter((part): part is string => part !== undefined && part.trim() !== '');
  const item = normalizeItem(
    {
      guid: line.id,
      ...(line.link !== undefined ? { link: line.link } : {}),
      ...(line.title !== undefined ? { title: line.title } : {}),
      ...(body.length > 0 ? { content: body.join('\n\n') } : {}),
      ...(line.published !== undefined ? { published: line.published } : {}),
      ...(line.lang !== undefined ? { language: line.lang } : {}),
    },
    { url: 'https://input.invalid/' },
    now,
  );
  if (!item.ok) return item;
  if (line.published !== undefined && item.value.published === null) {
    return err('INPUT_BAD_DATE', `published: "${line.published}" is not a date`);
  }
  return ok({ ...item.value, link: item.value.link ?? line.source_url ?? null });
}
