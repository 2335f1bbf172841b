import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYaml } from '../config/parse-yaml.js';
import { describeIssues } from '../config/describe-issues.js';
import { taxonomyFileSchema } from '../config/kind-schema.js';
import { packageRoot } from '../core/paths.js';
import type { Taxonomy } from './taxonomy.js';

/** A base taxonomy file that cannot be used (code TAXONOMY_INVALID), naming the file and field. */
export class TaxonomyError extends Error {
  readonly code = 'TAXONOMY_INVALID';
}

/** Reads and validates a taxonomy file: its kinds in file order. */
export function readTaxonomy(file: string): Taxonomy {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TaxonomyError(`${file}: cannot be read as YAML: ${(e as Error).message}`);
  }
  const parsed = taxonomyFileSchema.safeParse(doc);
  if (!parsed.success) throw new TaxonomyError(describeIssues(file, parsed.error));
  return new Map(Object.entries(parsed.data.kinds).map(([id, kind]) => [id, { ...kind, id }]));
}

let base: Taxonomy | undefined;

/** The base taxonomy shipped in config/taxonomy/base.yml, read once. Throws TaxonomyError if invalid. */
export function baseTaxonomy(): Taxonomy {
  base ??= readTaxonomy(path.join(packageRoot(), 'config', 'taxonomy', 'base.yml'));
  return base;
}
