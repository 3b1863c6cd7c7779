import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * The service's one logger (pino): JSON lines in production (`NODE_ENV=production`, or `LOG_FORMAT=json`),
 * readable lines in development (pino-pretty, a development dependency, when it is installed). `LOG_LEVEL`:
 * `fatal`, `error`, `warn`, `info` (default), `debug`. Secrets never reach it: the paths below are censored
 * wherever they appear, and nothing logs headers, cookies or bodies.
 */
const REDACT = [
  'password',
  'pwd',
  'token',
  'cookie',
  'authorization',
  'digest',
  '*.password',
  '*.pwd',
  '*.token',
  '*.cookie',
  '*.authorization',
  '*.digest',
  'headers',
  '*.headers',
];

function options(level: string) {
  return {
    level,
    base: { service: 'hotdesk' },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
}

const defaultLevel = () => process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');

export let log: Logger = pino(options(defaultLevel()));

/** Tests: every line to `destination` (JSON), to read what was logged. */
export function logTo(destination: DestinationStream, level = 'info'): void {
  log = pino(options(level), destination);
}

/** Chooses the format once the configuration is known (main.ts); JSON unless pretty lines are wanted and possible. */
export async function configureLogging(pretty: boolean): Promise<void> {
  if (!pretty) return;
  try {
    const { default: prettyStream } = (await import('pino-pretty')) as {
      default: (options: Record<string, unknown>) => DestinationStream;
    };
    log = pino(
      options(defaultLevel()),
      prettyStream({ colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' }),
    );
  } catch {
    // pino-pretty is a development dependency: a production install logs JSON.
  }
}

/** An error as a log field: its message (and code), never a stack full of request data. */
export function errorField(error: unknown): { message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { message: String(error) };
}
