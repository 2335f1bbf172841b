import type { z } from 'zod';

/** One line per validation issue: "<file>: <field>: <what was expected>". */
export function describeIssues(file: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
      const inner = issue.code === 'invalid_key' ? `: ${issue.issues.map((i) => i.message).join('; ')}` : '';
      return `${file}: ${field}: ${issue.message}${inner}`;
    })
    .join('\n');
}
