/** An error for bad input or configuration: `CODE: message` on stderr, exit code 2 (see withApp). */
export function inputError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { exitCode: 2 });
}
