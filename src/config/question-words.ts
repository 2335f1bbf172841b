import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../core/paths.js';
import { describeIssues } from './describe-issues.js';
import { parseYaml } from './parse-yaml.js';

const words = z.array(z.string().trim().min(1)).default([]);

/** The question words of one language (see config/questions.yml). */
const languageSchema = z.strictObject({
  who: words,
  when: words,
  where: words,
  said: words,
  how_many: words,
  filler: words,
});

/** config/questions.yml: question words per language code. */
export const questionWordsSchema = z.strictObject({
  languages: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/u, 'expected a language code such as en or zh'), languageSchema),
});

/** What a question asks for, by its question words. */
export type QuestionAspect = 'who' | 'when' | 'where' | 'said' | 'how_many';

/** Question words per language. */
export type QuestionWords = z.output<typeof questionWordsSchema>;

/** A questions file that cannot be used (code QUESTIONS_INVALID), naming the file and field. */
export class QuestionWordsError extends Error {
  readonly code = 'QUESTIONS_INVALID';
}

/** Reads and validates a questions file. Throws QuestionWordsError naming the file and field. */
export function readQuestionWords(file: string): QuestionWords {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new QuestionWordsError(`${file}: cannot be read as YAML: ${(e as Error).message}`);
  }
  const parsed = questionWordsSchema.safeParse(doc);
  if (!parsed.success) throw new QuestionWordsError(describeIssues(file, parsed.error));
  return parsed.data;
}

let shipped: QuestionWords | undefined;

/** The question words shipped in config/questions.yml, read once (like the base taxonomy). */
export function questionWords(): QuestionWords {
  shipped ??= readQuestionWords(path.join(packageRoot(), 'config', 'questions.yml'));
  return shipped;
}
