import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { diffReports, diffSnapshots, renderDiffText, type ReportLike } from '../export/diff.js';
import { checkSnapshot, readJsonFile } from '../snapshot/read-write.js';
import type { Snapshot } from '../snapshot/types.js';
import type { CliContext } from './context.js';
import { writeResult } from './output.js';

type Document = { kind: 'snapshot'; snapshot: Snapshot } | { kind: 'report'; report: ReportLike };

async function readDocument(path: string): Promise<Document> {
  const data = await readJsonFile(path, 'E_INPUT');
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    if ('resources' in record && 'coverage' in record) return { kind: 'snapshot', snapshot: await checkSnapshot(data, path) };
    if ('findings' in record && 'workloads' in record) {
      if (record.schemaVersion !== 1) throw new InputError(`${path}: report schemaVersion ${JSON.stringify(record.schemaVersion)} is not supported (expected 1)`, { location: { file: path, path: '$.schemaVersion' } });
      if (!Array.isArray(record.findings)) throw new InputError(`${path}: $.findings must be an array`, { location: { file: path, path: '$.findings' } });
      if (!Array.isArray(record.workloads)) throw new InputError(`${path}: $.workloads must be an array`, { location: { file: path, path: '$.workloads' } });
      return { kind: 'report', report: data as ReportLike };
    }
  }
  throw new InputError(`${path}: neither a kubelift snapshot nor a kubelift JSON report`, {
    location: { file: path, path: '$' },
    hint: 'diff compares two snapshots (kubelift scan/import) or two JSON reports (kubelift assess --format json).',
  });
}

/** Registers `kubelift diff OLD NEW`. */
export function registerDiff(program: Command, context: () => CliContext): void {
  program
    .command('diff')
    .description('what changed between two snapshots, or between two JSON reports')
    .argument('<old>', 'the earlier snapshot or JSON report')
    .argument('<new>', 'the later snapshot or JSON report')
    .option('--format <format>', 'text or json', 'text')
    .option('--out <file>', 'write the diff to a file instead of stdout')
    .option('--force', 'overwrite --out if it exists')
    .action(async (oldPath: string, newPath: string, options: { format: string; out?: string; force?: boolean }) => {
      const ctx = context();
      if (options.format !== 'text' && options.format !== 'json') throw new UsageError(`--format must be text or json, not ${JSON.stringify(options.format)}`);
      const [before, after] = await Promise.all([readDocument(oldPath), readDocument(newPath)]);
      if (before.kind !== after.kind) throw new UsageError(`cannot compare a ${before.kind} (${oldPath}) with a ${after.kind} (${newPath})`);
      const diff = before.kind === 'snapshot' && after.kind === 'snapshot' ? diffSnapshots(before.snapshot, after.snapshot) : diffReports((before as { report: ReportLike }).report, (after as { report: ReportLike }).report);
      const text = options.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffText(diff);
      await writeResult(ctx, text, options);
    });
}
