import { spawn } from 'node:child_process';
import path from 'node:path';

const CLI = [path.resolve('dist/src/cli.js')];

/** What a CLI run printed and how it ended. */
export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the storywatch CLI as a child process without blocking this one (which may serve its fakes). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}
