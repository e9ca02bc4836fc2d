/**
 * The importer against the real thing: the demo estate is built in a fresh
 * moto account, captured with the real AWS CLI through
 * scripts/capture-aws-cli.sh, imported with `kubelift import`, and compared
 * with what `scan()` reads from the same account.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { scan } from '../../src/collect/run.js';
import { silentReporter } from '../../src/events/index.js';
import { readSnapshot } from '../../src/snapshot/read-write.js';
import type { Snapshot } from '../../src/snapshot/types.js';
import { assumeAccount, DEMO_REGION, seedDemoEstate, type Credentials, type DemoEstate } from '../../test-support/estates/demo.js';
import { REPO_ROOT } from '../../test-support/helm.js';
import { uniqueAccountId } from '../../test-support/moto.js';
import { runCli } from '../helpers/run-cli.js';

const NOW = new Date('2026-02-01T00:00:00.000Z');

function runScript(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile('bash', [join(REPO_ROOT, 'scripts', 'capture-aws-cli.sh'), ...args], { env, maxBuffer: 64 * 1024 * 1024, timeout: 400_000 }, (error, stdout, stderr) => {
      if (error && typeof (error as NodeJS.ErrnoException).code === 'string') return reject(error);
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * The folder of the real `aws` program when PATH finds a pyenv shim: the shim
 * costs a third of each call's start-up, and the capture makes about fifty.
 */
const awsBinDir = await new Promise<string | undefined>((resolve) =>
  execFile('pyenv', ['which', 'aws'], (error, stdout) => resolve(error ? undefined : dirname(stdout.trim()))),
);

/** The AWS CLI's environment: the assumed-role keys, the endpoint, and no config of the machine it runs on. */
function cliEnv(endpoint: string, credentials: Credentials, home: string): NodeJS.ProcessEnv {
  return {
    PATH: awsBinDir ? `${awsBinDir}${delimiter}${process.env.PATH}` : process.env.PATH,
    HOME: home,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

const hasAwsCli = await new Promise<boolean>((resolve) => execFile('aws', ['--version'], (error) => resolve(!error)));

describe.skipIf(!hasAwsCli)('kubelift import of AWS CLI captures vs kubelift scan', () => {
  const endpoint = inject('motoEndpoint');
  const accountId = uniqueAccountId();
  const work = mkdtempSync(join(tmpdir(), 'kubelift-import-vs-scan-'));
  const captures = join(work, 'captures');
  let estate: DemoEstate;
  let imported: Snapshot;
  let scanned: Snapshot;
  let capture: { code: number; stderr: string };

  beforeAll(async () => {
    const credentials = await assumeAccount(endpoint, accountId);
    estate = await seedDemoEstate({ endpoint, credentials });
    const env = cliEnv(endpoint, credentials, work);
    const [captured, scanResult] = await Promise.all([
      runScript(['--out', captures, '--region', DEMO_REGION, '--jobs', '4'], env),
      scan({
        regions: [DEMO_REGION],
        endpointUrl: endpoint,
        roleArns: [`arn:aws:iam::${accountId}:role/kubelift-scan`],
        reporter: silentReporter,
        toolVersion: '0.0.0-test',
        now: NOW,
        env: { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' },
      }),
    ]);
    capture = captured;
    scanned = scanResult.snapshot;
    const out = join(work, 'imported.json');
    const result = await runCli(['import', '--aws-cli', captures, '--out', out], { SOURCE_DATE_EPOCH: String(NOW.getTime() / 1000) });
    if (result.code !== 0) throw new Error(`kubelift import failed (${result.code}):\n${result.stderr}\ncapture:\n${capture.stderr}`);
    imported = await readSnapshot(out);
  }, 600_000);

  it('captures into DIR/<account-id>/<region>/ with read-only calls that all succeeded', () => {
    expect(capture.code).toBe(0);
    expect(readdirSync(captures)).toEqual([accountId]);
    expect(readdirSync(join(captures, accountId))).toEqual([DEMO_REGION]);
    expect(capture.stderr).not.toMatch(/failed/);
  });

  it('gives exactly the resources a scan of the same account gives', () => {
    expect(imported.source).toEqual({ ...scanned.source, kind: 'import' });
    expect(imported.coverage).toEqual(scanned.coverage);
    expect(imported.coverage.every((c) => c.status === 'ok')).toBe(true);
    expect(Object.keys(imported.resources).sort()).toEqual(Object.keys(scanned.resources).sort());
    for (const type of Object.keys(scanned.resources) as (keyof Snapshot['resources'])[]) {
      expect({ type, resources: imported.resources[type] }).toEqual({ type, resources: scanned.resources[type] });
    }
    expect(imported.instanceTypes).toEqual(scanned.instanceTypes);
    expect(imported.availabilityZones).toEqual(scanned.availabilityZones);
  });

  it('holds the estate that was built, with the kubelift additions', () => {
    const instances = imported.resources['AWS::EC2::Instance'] ?? [];
    expect(instances.map((i) => i.InstanceId).sort()).toEqual(
      expect.arrayContaining([estate.instances.redash, estate.instances.postgres, estate.instances.jenkins, ...estate.instances.billing, ...estate.instances.storefront].sort()),
    );
    expect(instances.every((i) => i.accountId === accountId && i.OwnerId === accountId && typeof i.ReservationId === 'string')).toBe(true);
    const storefrontTg = imported.resources['AWS::ElasticLoadBalancingV2::TargetGroup']!.find((tg) => tg.TargetGroupArn === estate.targetGroups.storefront)!;
    expect((storefrontTg.TargetHealthDescriptions as unknown[]).length).toBe(3);
    expect(storefrontTg.Attributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '30' });
    expect(storefrontTg.Tags).toContainEqual({ Key: 'app', Value: 'storefront' });
    const rules = imported.resources['AWS::ElasticLoadBalancingV2::ListenerRule']!;
    expect(rules.every((r) => typeof r.ListenerArn === 'string' && String(r.RuleArn).includes(String(r.ListenerArn).split('/').pop()!))).toBe(true);
    const billing = imported.resources['AWS::ElasticLoadBalancing::LoadBalancer']!.find((lb) => lb.LoadBalancerName === estate.loadBalancers.billing)!;
    expect((billing.InstanceStates as { InstanceId: string }[]).map((s) => s.InstanceId).sort()).toEqual([...estate.instances.billing].sort());
    expect((billing.Attributes as { CrossZoneLoadBalancing: { Enabled: boolean } }).CrossZoneLoadBalancing.Enabled).toBe(false);
    const template = imported.resources['AWS::EC2::LaunchTemplate']![0]!;
    expect((template.Versions as { VersionNumber: number }[]).map((v) => v.VersionNumber)).toEqual([2]);
  });
});
