/** `kubelift scan` end to end through the CLI entry, against moto over HTTP. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { liveProgress } from '../../src/cli/scan.js';
import { memorySink } from '../../src/events/index.js';
import { readSnapshot } from '../../src/snapshot/read-write.js';
import { startFaultProxy, type FaultProxy } from '../../test-support/fault-proxy.js';
import { freePort, uniqueAccountId } from '../../test-support/moto.js';
import { roleArnFor, seedClients, seedInstances, seedVpc } from '../../test-support/seed/index.js';
import { runCli } from '../helpers/run-cli.js';

const endpoint = inject('motoEndpoint');
const dir = mkdtempSync(join(tmpdir(), 'kubelift-scan-cli-'));
const emptyHome = mkdtempSync(join(tmpdir(), 'kubelift-home-'));
const accountId = uniqueAccountId();
let instanceId: string;
let proxy: FaultProxy;

/** Dummy keys in the environment kubelift is given, and a home without AWS files. */
const ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', HOME: emptyHome };

beforeAll(async () => {
  // The SDK reads this from the process only; without it a missing-credentials test would wait on instance metadata.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const c = seedClients({ endpoint, accountId });
  const vpc = await seedVpc(c, { zones: ['a'] });
  [instanceId] = (await seedInstances(c, { subnetId: vpc.subnets[0]!.subnetId, tags: { Name: 'app' } })) as [string];
  proxy = await startFaultProxy(endpoint);
}, 120_000);
afterAll(() => proxy?.close());

const out = (name: string) => join(dir, name);

describe('kubelift scan', () => {
  it('writes a complete snapshot: scan --endpoint-url URL --region us-east-1 --out s.json', async () => {
    const result = await runCli(['scan', '--endpoint-url', endpoint, '--region', 'us-east-1', '--out', out('s.json')], ENV);
    expect(result.stderr).not.toMatch(/error:/);
    expect(result.code).toBe(0);
    const snapshot = await readSnapshot(out('s.json'));
    expect(snapshot.source).toMatchObject({ kind: 'scan', accounts: ['123456789012'], regions: ['us-east-1'] });
    expect(snapshot.coverage.map((c) => [c.service, c.status])).toEqual([
      ['autoscaling', 'ok'],
      ['ec2', 'ok'],
      ['elb', 'ok'],
      ['elbv2', 'ok'],
    ]);
    expect(snapshot.availabilityZones.length).toBeGreaterThan(0);
    expect(result.stderr).toContain('credentials: arn:aws:sts::123456789012:');
    expect(result.stderr).toContain(`wrote ${out('s.json')}`);
    expect(result.stdout).toBe('');
  });

  it('scans a role’s account into .json.gz, keeps an existing file without --force, and replaces it with --force', async () => {
    const path = out('estate.json.gz');
    const args = ['scan', '--endpoint-url', endpoint, '--region', 'us-east-1', '--role-arn', roleArnFor(accountId), '--out', path];
    expect((await runCli(args, ENV)).code).toBe(0);
    expect(readFileSync(path).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const snapshot = await readSnapshot(path);
    expect(snapshot.resources['AWS::EC2::Instance']!.map((i) => i.InstanceId)).toEqual([instanceId]);
    expect(snapshot.source.accounts).toEqual([accountId]);

    const before = readFileSync(path);
    const again = await runCli(args, ENV);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/^error: .*estate\.json\.gz already exists\nhint: Pass --force/);
    expect(readFileSync(path)).toEqual(before);

    writeFileSync(path, 'precious');
    expect((await runCli([...args, '--force'], ENV)).code).toBe(0);
    expect((await readSnapshot(path)).resources['AWS::EC2::Instance']).toHaveLength(1);
  });

  it('writes byte-identical snapshots of the same estate with SOURCE_DATE_EPOCH', async () => {
    const env = { ...ENV, SOURCE_DATE_EPOCH: '1700000000' };
    for (const name of ['a.json', 'b.json']) {
      expect((await runCli(['scan', '--endpoint-url', endpoint, '--region', 'us-east-1', '--role-arn', roleArnFor(accountId), '--out', out(name)], env)).code).toBe(0);
    }
    const a = readFileSync(out('a.json'), 'utf8');
    expect(a).toBe(readFileSync(out('b.json'), 'utf8'));
    expect(JSON.parse(a).generatedAt).toBe('2023-11-14T22:13:20.000Z');
  });

  it('warns about coverage gaps on stderr and still exits 0', async () => {
    proxy.setFaults([{ service: 'elasticloadbalancing', action: 'DescribeLoadBalancers', respond: 'access-denied' }]);
    const result = await runCli(['scan', '--endpoint-url', proxy.endpoint, '--region', 'us-east-1', '--role-arn', roleArnFor(accountId), '--out', out('partial.json')], ENV);
    proxy.setFaults([]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: 2 of 4 account\/region\/service scans are incomplete/);
    expect(result.stderr).toContain(`warning:   ${accountId} us-east-1 elb: elasticloadbalancing:DescribeLoadBalancers: AccessDenied`);
    expect(statSync(out('partial.json')).size).toBeGreaterThan(0);
  });

  it('exits 1 with one message when nothing could be collected', async () => {
    proxy.setFaults([{ service: 'ec2', respond: 'access-denied' }, { service: 'elasticloadbalancing', respond: 'access-denied' }, { service: 'autoscaling', respond: 'access-denied' }]);
    const result = await runCli(['scan', '--endpoint-url', proxy.endpoint, '--region', 'us-east-1', '--out', out('nothing.json')], ENV);
    proxy.setFaults([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: nothing could be collected: 4 of 4 /m);
    expect(result.stderr).toContain('hint: Check that the credentials allow the read-only actions in docs/iam-policy.json');
    expect(() => statSync(out('nothing.json'))).toThrow();
  });

  it('exits 1 with one message when the endpoint is unreachable', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = await runCli(['scan', '--endpoint-url', url, '--region', 'us-east-1', '--out', out('x.json')], ENV);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: cannot reach the AWS endpoint ${url} (ECONNREFUSED)\nhint: Check --endpoint-url: is the server running and listening on that address?\n`);
  });

  it('exits 1 with one message when there are no credentials', async () => {
    const none = { HOME: emptyHome, AWS_SHARED_CREDENTIALS_FILE: join(emptyHome, 'credentials'), AWS_CONFIG_FILE: join(emptyHome, 'config') };
    const result = await runCli(['scan', '--endpoint-url', endpoint, '--region', 'us-east-1', '--out', out('x.json')], none);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: no AWS credentials found\nhint: Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile/);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('exits 1 naming --region when no region is set anywhere, and never guesses one', async () => {
    const result = await runCli(['scan', '--endpoint-url', endpoint, '--out', out('x.json')], ENV);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: no AWS region given\nhint: Pass --region/);
  });

  it('exits 1 when the default region is not a region name', async () => {
    const result = await runCli(['scan', '--endpoint-url', endpoint, '--out', out('x.json')], { ...ENV, AWS_REGION: 'Frankfurt' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: the default region 'Frankfurt' is not an AWS region name\nhint: Check AWS_REGION/);
  });

  it('takes the region from AWS_REGION', async () => {
    const result = await runCli(['scan', '--endpoint-url', endpoint, '--role-arn', roleArnFor(accountId), '--out', out('env-region.json')], { ...ENV, AWS_REGION: 'us-east-1' });
    expect(result.code).toBe(0);
    expect((await readSnapshot(out('env-region.json'))).source.regions).toEqual(['us-east-1']);
  });

  it('is silent with --quiet', async () => {
    const result = await runCli(['--quiet', 'scan', '--endpoint-url', endpoint, '--region', 'us-east-1', '--role-arn', roleArnFor(accountId), '--out', out('quiet.json')], ENV);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it.each([
    [['--region', 'nowhere'], /'nowhere' is not an AWS region name/],
    [['--region', 'us-east-1', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 256/],
    [['--region', 'us-east-1', '--concurrency', 'lots'], /--concurrency must be a whole number, got 'lots'/],
    [['--region', 'us-east-1', '--role-arn', 'arn:aws:iam::1:user/x'], /is not an IAM role ARN/],
    [['--region', 'us-east-1', '--external-id', 'x'], /--external-id needs --role-arn/],
    [['--region', 'us-east-1', '--all-regions'], /--region and --all-regions cannot be used together/],
    [['--region', 'us-east-1', '--endpoint-url', 'localhost:5000'], /is not an http\(s\) URL/],
  ])('rejects bad usage %j with exit 2 before calling AWS', async (flags, message) => {
    const result = await runCli(['scan', ...flags, '--out', out('bad.json')], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('requires --out', async () => {
    const result = await runCli(['scan', '--region', 'us-east-1'], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("required option '--out <file>' not specified");
  });

  it('documents every flag in --help', async () => {
    const result = await runCli(['scan', '--help']);
    for (const flag of ['--profile', '--region', '--all-regions', '--role-arn', '--external-id', '--endpoint-url', '--concurrency', '--include-user-data', '--force', '--out']) expect(result.stdout).toContain(flag);
  });
});

describe('live progress on a terminal', () => {
  it('redraws the running services in place under a status line and passes other events through', () => {
    let text = '';
    const plain = memorySink();
    const live = liveProgress({ write: (s: string) => (text += s), rows: 30 }, plain);
    live.emit({ level: 'info', code: 'collect.identity', accountId: '1', arn: 'arn:aws:iam::1:user/x' });
    live.emit({ level: 'debug', code: 'collect.service-started', accountId: '111111111111', region: 'us-east-1', service: 'ec2' });
    live.emit({ level: 'debug', code: 'collect.progress', accountId: '111111111111', region: 'us-east-1', service: 'ec2', resourceType: 'AWS::EC2::Instance', count: 12 });
    expect(text).toContain('scanning: 0 done, 1 running · 0 resources · 0 calls\n  111111111111 us-east-1 ec2: 12 AWS::EC2::Instance\n');
    live.emit({ level: 'info', code: 'collect.service-done', accountId: '111111111111', region: 'us-east-1', service: 'ec2', count: 40, calls: 9 });
    expect(text.endsWith('\x1b[2F\x1b[Jscanning: 1 done, 0 running · 40 resources · 9 calls\n')).toBe(true);
    live.finish();
    expect(text.endsWith('\x1b[1F\x1b[J')).toBe(true);
    expect(plain.events.map((e) => e.code)).toEqual(['collect.identity']);
  });
});
