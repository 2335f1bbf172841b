import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { describeIssues } from '../config/describe-issues.js';
import { parseYaml } from '../config/parse-yaml.js';
import { kindIdSchema } from '../config/kind-schema.js';
import { inputError } from './input-error.js';

/** What a question's answer must hold: a sentence with one of these substrings, a dated development, or nothing. */
const expectSchema = z.union([
  z.literal('unknown'),
  z.strictObject({ sentence: z.array(z.string().min(2)).min(1) }),
  z.strictObject({ date: z.iso.date(), kind: kindIdSchema }),
]);

const questionSchema = z.strictObject({
  lang: z.string().regex(/^[a-z]{2,3}$/u),
  q: z.string().trim().min(3).max(500),
  expect: expectSchema,
});

/** A question set file (test/fixtures/questions/<story>.yml); top-level keys other than these are YAML anchors. */
const questionSetSchema = z.looseObject({
  story: z.string().min(1),
  sources: z.strictObject({ seeds: z.string().optional(), corpus: z.string().optional() }),
  questions: z.array(questionSchema).min(1),
});

/** What a question's answer must hold. */
export type Expectation = z.infer<typeof expectSchema>;

/** One question of a set, with its number (1-based, in file order) and split. */
export interface SetQuestion {
  n: number;
  lang: string;
  q: string;
  expect: Expectation;
  split: 'dev' | 'test';
}

/** A question set: the story, the source files (absolute paths), and the questions. */
export interface QuestionSet {
  story: string;
  seeds: string | null;
  corpus: string | null;
  questions: SetQuestion[];
}

/** The fixed split: every third question (3, 6, 9, …) is test, the others dev. */
export function questionSplit(n: number): 'dev' | 'test' {
  return n % 3 === 0 ? 'test' : 'dev';
}

/** Reads and validates a question set; a bad file fails with QUESTIONS_INVALID naming the field (exit code 2). */
export function readQuestionSet(file: string): QuestionSet {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'INPUT_NOT_FOUND' : 'QUESTIONS_INVALID';
    throw inputError(code, `${file}: ${(e as Error).message}`);
  }
  const parsed = questionSetSchema.safeParse(doc);
  if (!parsed.success) throw inputError('QUESTIONS_INVALID', describeIssues(file, parsed.error));
  const at = (p: string | undefined): string | null => (p === undefined ? null : path.resolve(path.dirname(file), p));
  return {
    story: parsed.data.story,
    seeds: at(parsed.data.sources.seeds),
    corpus: at(parsed.data.sources.corpus),
    questions: parsed.data.questions.map((q, i) => ({ ...q, n: i + 1, split: questionSplit(i + 1) })),
  };
}
