import type { Command } from 'commander';
import { refuseToOverwrite } from '../snapshot/atomic-write.js';
import { DEFAULT_CONCURRENCY } from '../collect/limits.js';
import type { ScanResult } from '../collect/run.js';
import { UsageError } from '../errors.js';
import { formatEvent, type KubeliftEvent, type Reporter } from '../events/index.js';
import { countResources, writeSnapshot, type CoverageRecord } from '../snapshot/index.js';
import type { CliContext } from './context.js';

interface ScanFlags {
  out: string;
  profile?: string;
  region?: string[];
  allRegions?: boolean;
  roleArn?: string[];
  externalId?: string;
  endpointUrl?: string;
  concurrency?: string;
  includeUserData?: boolean;
  force?: boolean;
}

/** Repeatable flags; a comma-separated list counts as several. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((v) => v.trim()).filter((v) => v !== '')];

/** The snapshot's time: SOURCE_DATE_EPOCH when set (reproducible output), else now. */
export function generatedAt(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  if (!/^\d+$/.test(epoch.trim())) throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds, got '${epoch}'`);
  return new Date(Number(epoch.trim()) * 1000);
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`--concurrency must be a whole number, got '${value}'`);
  return Number(value.trim());
}

/** Registers `kubelift scan`. */
export function registerScan(program: Command, context: () => CliContext): void {
  program
    .command('scan')
    .description('read an AWS estate (read-only API calls only) into a snapshot file')
    .requiredOption('--out <file>', 'snapshot file to write (.json, or .json.gz to gzip it)')
    .option('--profile <name>', 'AWS profile from your config and credentials files (default: AWS_PROFILE, then the default chain)')
    .option('--region <region>', 'region to scan; repeatable or comma-separated (default: AWS_REGION or the profile\'s region)', collect)
    .option('--all-regions', 'scan every region enabled for each account')
    .option('--role-arn <arn>', 'assume this role in a target account (session name kubelift); repeatable, one per account', collect)
    .option('--external-id <id>', 'external id to pass when assuming the roles')
    .option('--endpoint-url <url>', 'send every AWS call to this endpoint (an AWS-compatible emulator or a proxy)')
    .option('--concurrency <n>', `API requests in flight at once (default ${DEFAULT_CONCURRENCY})`)
    .option('--include-user-data', 'also read EC2 user data, decoded, with likely secrets redacted')
    .option('--force', 'overwrite --out if it exists')
    .action(async (flags: ScanFlags) => {
      const ctx = context();
      refuseToOverwrite(flags.out, flags);
      const live = ctx.interactive ? liveProgress(ctx.stderr, ctx.reporter) : undefined;
      let result: ScanResult;
      try {
        // Loaded here, not at start-up: the AWS SDK takes most of a second to load, and only scan needs it.
        const { scan } = await import('../collect/run.js');
        result = await scan({
          regions: flags.region ?? [],
          allRegions: Boolean(flags.allRegions),
          profile: flags.profile,
          roleArns: flags.roleArn ?? [],
          externalId: flags.externalId,
          endpointUrl: flags.endpointUrl,
          concurrency: parseConcurrency(flags.concurrency),
          includeUserData: Boolean(flags.includeUserData),
          reporter: live ?? ctx.reporter,
          toolVersion: ctx.version,
          now: generatedAt(ctx.env),
          env: ctx.env,
        });
      } finally {
        live?.finish();
      }
      const { snapshot } = result;
      reportGaps(snapshot.coverage, ctx.reporter);
      await writeSnapshot(flags.out, snapshot, { force: Boolean(flags.force) });
      ctx.reporter.emit({ level: 'info', code: 'snapshot.written', path: flags.out, resources: countResources(snapshot) });
    });
}

/** The warning summary: every coverage gap, one line each, after the scan. */
export function reportGaps(coverage: readonly CoverageRecord[], reporter: Reporter): void {
  const gaps = coverage.filter((c) => c.status === 'error');
  if (gaps.length === 0) return;
  reporter.emit({ level: 'warn', code: 'message', text: `${gaps.length} of ${coverage.length} account/region/service scans are incomplete; the snapshot records them as coverage gaps:` });
  for (const gap of gaps) {
    const partial = gap.missing ? (gap.missing.length > 0 ? ` (incomplete: ${gap.missing.join(', ')})` : ' (every resource type collected; some details are missing)') : '';
    reporter.emit({ level: 'warn', code: 'message', text: `  ${gap.accountId} ${gap.region} ${gap.service}: ${gap.error ?? gap.errorCode ?? 'failed'}${partial}` });
  }
}

interface Writable {
  write(chunk: string): unknown;
  rows?: number;
}

/**
 * A live display for a terminal: the services still running, one line each,
 * under a status line, redrawn in place; everything else (identity, gaps,
 * the final count) goes to the plain reporter above it.
 */
export function liveProgress(stream: Writable, plain: Reporter): Reporter & { finish(): void } {
  const running = new Map<string, string>();
  let done = 0;
  let resources = 0;
  let calls = 0;
  let drawn = 0;
  const clear = (): void => {
    if (drawn > 0) stream.write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  const draw = (): void => {
    clear();
    const max = Math.max(3, (stream.rows ?? 24) - 4);
    const lines = [...running.values()].slice(0, max);
    if (running.size > max) lines.push(`  … ${running.size - max} more`);
    lines.unshift(`scanning: ${done} done, ${running.size} running · ${resources} resources · ${calls} calls`);
    stream.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  return {
    emit(event: KubeliftEvent) {
      switch (event.code) {
        case 'collect.service-started':
          running.set(`${event.accountId} ${event.region} ${event.service}`, `  ${event.accountId} ${event.region} ${event.service}: started`);
          break;
        case 'collect.progress':
          running.set(`${event.accountId} ${event.region} ${event.service}`, `  ${formatEvent(event)}`);
          break;
        case 'collect.service-done':
          running.delete(`${event.accountId} ${event.region} ${event.service}`);
          done++;
          resources += event.count;
          calls += event.calls;
          break;
        default:
          clear();
          plain.emit(event);
      }
      draw();
    },
    finish: clear,
  };
}
