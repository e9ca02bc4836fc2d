import type { Command } from 'commander';
import { refuseToOverwrite } from '../snapshot/atomic-write.js';
import { UsageError } from '../errors.js';
import { countResources, writeSnapshot } from '../snapshot/index.js';
import type { CliContext } from './context.js';
import { generatedAt } from './scan.js';

interface ImportFlags {
  awsCli: string;
  out: string;
  accountId?: string;
  region?: string;
  includeUserData?: boolean;
  force?: boolean;
}

/** Registers `kubelift import`. */
export function registerImport(program: Command, context: () => CliContext): void {
  program
    .command('import')
    .description('build a snapshot from saved AWS CLI output (no AWS access needed); see docs/import.md')
    .requiredOption('--aws-cli <dir>', 'folder of AWS CLI JSON output: DIR/<account-id>/<region>/<service>-<command>.json, as scripts/capture-aws-cli.sh writes it')
    .requiredOption('--out <file>', 'snapshot file to write (.json, or .json.gz to gzip it)')
    .option('--account-id <id>', 'the account, when neither the folder names nor the captured data say it')
    .option('--region <region>', 'the region, when neither the folder names nor the captured data say it')
    .option('--include-user-data', 'keep the user data found in the captures, decoded, with likely secrets redacted')
    .option('--force', 'overwrite --out if it exists')
    .action(async (flags: ImportFlags) => {
      const ctx = context();
      if (flags.accountId !== undefined && !/^\d{12}$/.test(flags.accountId)) {
        throw new UsageError(`--account-id must be a 12-digit AWS account id, got '${flags.accountId}'`);
      }
      if (flags.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(flags.region)) {
        throw new UsageError(`'${flags.region}' is not an AWS region name`, { code: 'E_AWS_REGION', hint: 'Region names look like us-east-1 or eu-west-2.' });
      }
      refuseToOverwrite(flags.out, flags);
      // The AWS CLI reader is loaded only when `import` runs.
      const [{ readCaptures }, { importAwsCli }] = await Promise.all([import('../snapshot/read-captures.js'), import('../snapshot/import-aws-cli.js')]);
      const files = await readCaptures(flags.awsCli);
      const { snapshot, warnings } = importAwsCli(files, {
        root: flags.awsCli,
        accountId: flags.accountId,
        region: flags.region,
        includeUserData: Boolean(flags.includeUserData),
        toolVersion: ctx.version,
        now: generatedAt(ctx.env),
      });
      for (const text of warnings) ctx.reporter.emit({ level: 'warn', code: 'message', text });
      const gaps = snapshot.coverage.filter((c) => c.status === 'error');
      if (gaps.length > 0) {
        ctx.reporter.emit({ level: 'warn', code: 'message', text: `${gaps.length} of ${snapshot.coverage.length} account/region/service captures are incomplete; the snapshot records them as coverage gaps:` });
        for (const gap of gaps) ctx.reporter.emit({ level: 'warn', code: 'message', text: `  ${gap.accountId} ${gap.region} ${gap.service}: ${gap.error ?? gap.errorCode}` });
      }
      await writeSnapshot(flags.out, snapshot, { force: Boolean(flags.force) });
      ctx.reporter.emit({ level: 'info', code: 'snapshot.written', path: flags.out, resources: countResources(snapshot) });
    });
}
