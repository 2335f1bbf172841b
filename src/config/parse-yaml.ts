import jsYaml from 'js-yaml';

/**
 * Parses one YAML document with the YAML 1.2 core schema (dates stay strings, as the schemas
 * expect). js-yaml, not `yaml`: it reads the stories and the base taxonomy several times faster,
 * and every command reads them at start-up (decision 020). Throws on a syntax error or a
 * duplicated key, with the line and column; an empty document gives undefined.
 */
export function parseYaml(text: string): unknown {
  return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
}
