/**
 * Typed errors shared by every layer. Only `main.ts` catches them and turns
 * them into exit codes, so the mapping from cause to exit code lives here.
 */

export type ExitCode = 0 | 1 | 2 | 130;

/** Where bad input was found: a file and, when known, a line/column or a JSON path. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  path?: string;
}

export type ErrorCode =
  | 'E_USAGE'
  | 'E_INPUT'
  | 'E_INPUT_SNAPSHOT'
  | 'E_INPUT_RULE'
  | 'E_INPUT_PLAN'
  | 'E_INPUT_CAPTURE'
  | 'E_INPUT_WORKLOAD'
  | 'E_FILE_EXISTS'
  | 'E_OUTPUT'
  | 'E_NO_TTY'
  | 'E_AWS_CREDENTIALS'
  | 'E_AWS_REGION'
  | 'E_AWS_ENDPOINT'
  | 'E_COLLECT_NOTHING'
  | 'E_THRESHOLD'
  | 'E_TOOL_MISSING'
  | 'E_INTERRUPTED'
  | 'E_INTERNAL';

interface ErrorOptions {
  hint?: string;
  location?: ErrorLocation;
  cause?: unknown;
}

/** Base of every error kubelift throws on purpose. */
export abstract class KubeliftError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  readonly location: ErrorLocation | undefined;

  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.location = options.location;
  }
}

/** Bad flags or arguments (exit 2). */
export class UsageError extends KubeliftError {
  readonly code: ErrorCode;
  readonly exitCode = 2 as const;
  constructor(message: string, options: ErrorOptions & { code?: ErrorCode } = {}) {
    super(message, options);
    this.code = options.code ?? 'E_USAGE';
  }
}

/** A file the user gave us is unreadable, malformed or of the wrong kind (exit 2). */
export class InputError extends KubeliftError {
  readonly code: ErrorCode;
  readonly exitCode = 2 as const;
  /** Every problem found, when there was more than one (rule folders, plan files). */
  readonly issues: readonly InputIssue[];
  constructor(message: string, options: ErrorOptions & { code?: ErrorCode; issues?: InputIssue[] } = {}) {
    super(message, options);
    this.code = options.code ?? 'E_INPUT';
    this.issues = options.issues ?? [];
  }
}

/** One problem in an input file. */
export interface InputIssue {
  file: string;
  line?: number;
  column?: number;
  path?: string;
  message: string;
}

/**
 * An output file could not be written. A path that cannot be written (no
 * permission, a read-only file system, a folder in the way) is bad usage,
 * exit 2; a write that failed midway (disk full, quota, I/O error) is work
 * that failed, exit 1.
 */
export class OutputError extends KubeliftError {
  readonly code = 'E_OUTPUT' as const;
  readonly exitCode: 1 | 2;
  constructor(message: string, options: ErrorOptions & { exitCode: 1 | 2 }) {
    super(message, options);
    this.exitCode = options.exitCode;
  }
}

/** Collection failed as a whole: no credentials, no endpoint, nothing collected (exit 1). */
export class CollectError extends KubeliftError {
  readonly code: ErrorCode;
  readonly exitCode = 1 as const;
  constructor(message: string, options: ErrorOptions & { code?: ErrorCode } = {}) {
    super(message, options);
    this.code = options.code ?? 'E_COLLECT_NOTHING';
  }
}

/** `--fail-on` found findings at or above the threshold (exit 1). */
export class ThresholdError extends KubeliftError {
  readonly code = 'E_THRESHOLD' as const;
  readonly exitCode = 1 as const;
}

/** A tool kubelift shells out to (helm) is missing (exit 1). */
export class ToolMissingError extends KubeliftError {
  readonly code = 'E_TOOL_MISSING' as const;
  readonly exitCode = 1 as const;
}

/** The user pressed Ctrl-C (exit 130). */
export class InterruptedError extends KubeliftError {
  readonly code = 'E_INTERRUPTED' as const;
  readonly exitCode = 130 as const;
}

/** Anything unexpected: a bug (exit 1). */
export class InternalError extends KubeliftError {
  readonly code = 'E_INTERNAL' as const;
  readonly exitCode = 1 as const;
}

/** Turns any thrown value into a KubeliftError, keeping the original as `cause`. */
export function toKubeliftError(value: unknown): KubeliftError {
  if (value instanceof KubeliftError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new InternalError(message, { cause: value, hint: 'This is a bug in kubelift; run again with --debug for the stack trace.' });
}

/** Formats a location as `file:line:column` or `file (at path)`. */
export function formatLocation(location: ErrorLocation | InputIssue): string {
  const parts: string[] = [];
  if (location.file) {
    let where = location.file;
    if (location.line !== undefined) where += `:${location.line}`;
    if (location.line !== undefined && location.column !== undefined) where += `:${location.column}`;
    parts.push(where);
  }
  if (location.path) parts.push(`at ${location.path}`);
  return parts.join(' ');
}
