import { jsonlSink, plainSink, type EventLevel, type Reporter } from '../events/index.js';

/** What every command gets: streams, the reporter, and the global flags. */
export interface CliContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  reporter: Reporter;
  color: boolean;
  debug: boolean;
  quiet: boolean;
  /** True when stderr is an interactive terminal and not CI: live progress is allowed. */
  interactive: boolean;
  version: string;
}

export interface GlobalOptions {
  debug?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  logFormat?: 'text' | 'json';
}

/** Decides colours, verbosity and the progress renderer from flags and environment. */
export function createContext(options: GlobalOptions, io: Pick<CliContext, 'stdout' | 'stderr' | 'stdin' | 'env'>, version: string): CliContext {
  const threshold: EventLevel = options.quiet ? 'error' : options.debug ? 'trace' : options.verbose ? 'debug' : 'info';
  const reporter = options.logFormat === 'json' ? jsonlSink(io.stderr, threshold) : plainSink(io.stderr, threshold);
  const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const color = options.color !== false && !noColorEnv && Boolean(io.stdout.isTTY) && io.env.TERM !== 'dumb';
  const interactive = Boolean(io.stderr.isTTY) && !io.env.CI && !options.quiet && options.logFormat !== 'json';
  return { ...io, reporter, color, debug: Boolean(options.debug), quiet: Boolean(options.quiet), interactive, version };
}
