import { createLogger, isLogLevel, LOG_LEVELS } from '../core/logger.js';
import { inputError } from './input-error.js';

/** An error a command raised on purpose: its message starts with its code, and it says how to exit. */
type CodedError = Error & { exitCode: number };

function isCoded(error: unknown): error is CodedError {
  return error instanceof Error && typeof (error as Partial<CodedError>).exitCode === 'number';
}

/**
 * The log level asked for on the command line (`--log-level x` or `--log-level=x`), else in LOG_LEVEL
 * (`envLevel`); fails with LOG_LEVEL_INVALID, naming the allowed levels, when either is not one of them.
 */
export function requestedLogLevel(argv: readonly string[], envLevel: string | undefined): string | undefined {
  const at = argv.findIndex((a) => a === '--log-level' || a.startsWith('--log-level='));
  const flag = at < 0 ? undefined : argv[at]?.includes('=') ? argv[at]?.slice('--log-level='.length) : argv[at + 1];
  const check = (where: string, level: string | undefined): string | undefined => {
    if (level !== undefined && !isLogLevel(level)) {
      throw inputError('LOG_LEVEL_INVALID', `${where} "${level}" is not a log level; use one of ${LOG_LEVELS.join(', ')}.`);
    }
    return level;
  };
  const fromEnv = check('LOG_LEVEL', envLevel);
  return check('--log-level', flag) ?? fromEnv;
}

/**
 * Reports an error that reached the top of the CLI: one line on stderr with its code (an unexpected
 * error is INTERNAL_ERROR), the details (stack) only in a debug log line, and the exit code (2 for bad
 * input or configuration, 1 otherwise).
 */
export function reportFatal(error: unknown, logLevel: string | undefined): void {
  if (isCoded(error)) {
    process.stderr.write(`storywatch: ${error.message}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const debug = logLevel === 'debug' || logLevel === 'trace';
  process.stderr.write(`storywatch: INTERNAL_ERROR: ${message}${debug ? '' : ' (run with --log-level debug for details)'}\n`);
  if (debug) createLogger(logLevel).debug({ err: error }, 'unexpected error');
  process.exitCode = 1;
}

/**
 * Makes a closed stdout (`storywatch timeline | head -1`) end the process quietly with status 0:
 * the reader has what it wanted. Other stdout errors are reported like any unexpected error.
 */
export function exitQuietlyOnClosedPipe(logLevel: string | undefined): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    reportFatal(error, logLevel);
    process.exit();
  });
}

/** Reports uncaught exceptions and unhandled rejections as one coded line instead of a stack trace. */
export function guardUncaught(logLevel: string | undefined): void {
  const onFatal = (error: unknown): void => {
    reportFatal(error, logLevel);
    process.exit();
  };
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
}
