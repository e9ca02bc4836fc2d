import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURE_COMMANDS } from '../../src/snapshot/import-aws-cli.js';
import { readSnapshot } from '../../src/snapshot/read-write.js';
import { REPO_ROOT } from '../../test-support/helm.js';
import { runCli } from '../helpers/run-cli.js';

const ACCOUNT = '210987654321';
const REGION = 'eu-central-1';
const SCRIPT = join(REPO_ROOT, 'scripts', 'capture-aws-cli.sh');
const work = mkdtempSync(join(tmpdir(), 'kubelift-import-cli-'));
let counter = 0;
const fresh = (name: string): string => join(work, `${name}-${++counter}`);

function writeFiles(root: string, files: Record<string, unknown>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), typeof content === 'string' ? content : `${JSON.stringify(content, null, 4)}\n`);
  }
}

/** A small capture in DIR/<account>/<region>/: a VPC, an instance and a classic ELB whose listing was denied. */
function smallCapture(): string {
  const root = fresh('captures');
  writeFiles(join(root, ACCOUNT, REGION), {
    'ec2-describe-vpcs.json': { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16' }] },
    'ec2-describe-instances.json': { Reservations: [{ ReservationId: 'r-1', OwnerId: ACCOUNT, Instances: [{ InstanceId: 'i-1', InstanceType: 't3.small', State: { Name: 'running' } }] }] },
    'elb-describe-load-balancers.error.txt': '\nAn error occurred (AccessDenied) when calling the DescribeLoadBalancers operation: not authorized\n',
  });
  return root;
}

describe('kubelift import', () => {
  it('writes a valid snapshot, reports the coverage gaps, and keeps an existing file without --force', async () => {
    const captures = smallCapture();
    const out = join(fresh('out'), 'snapshot.json');
    const result = await runCli(['import', '--aws-cli', captures, '--out', out], { SOURCE_DATE_EPOCH: '1767225600' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${ACCOUNT} ${REGION} elb: aws elb describe-load-balancers: AccessDenied: not authorized`);
    expect(result.stderr).toContain(`wrote ${out} (2 resources)`);
    const snapshot = await readSnapshot(out);
    expect(snapshot.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(snapshot.source).toEqual({ kind: 'import', accounts: [ACCOUNT], regions: [REGION], includesUserData: false });
    expect(snapshot.resources['AWS::EC2::Instance']).toEqual([
      { accountId: ACCOUNT, region: REGION, InstanceId: 'i-1', InstanceType: 't3.small', OwnerId: ACCOUNT, ReservationId: 'r-1', State: { Name: 'running' } },
    ]);
    const before = readFileSync(out, 'utf8');

    writeFiles(join(captures, ACCOUNT, REGION), { 'ec2-describe-vpcs.json': { Vpcs: [] } });
    const again = await runCli(['import', '--aws-cli', captures, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`error: ${out} already exists`);
    expect(readFileSync(out, 'utf8')).toBe(before);

    const forced = await runCli(['import', '--aws-cli', captures, '--out', out, '--force'], { SOURCE_DATE_EPOCH: '1767225600' });
    expect(forced.code).toBe(0);
    expect((await readSnapshot(out)).resources['AWS::EC2::VPC']).toEqual([]);
  });

  it('gives byte-identical output for the same captures, gzipped when asked', async () => {
    const captures = smallCapture();
    const dir = fresh('out');
    const env = { SOURCE_DATE_EPOCH: '1767225600' };
    expect((await runCli(['import', '--aws-cli', captures, '--out', join(dir, 'a.json')], env)).code).toBe(0);
    expect((await runCli(['import', '--aws-cli', captures, '--out', join(dir, 'b.json')], env)).code).toBe(0);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect((await runCli(['import', '--aws-cli', captures, '--out', join(dir, 'c.json.gz')], env)).code).toBe(0);
    expect(readFileSync(join(dir, 'c.json.gz'))[0]).toBe(0x1f);
    expect((await readSnapshot(join(dir, 'c.json.gz'))).resources['AWS::EC2::VPC']).toHaveLength(1);
  });

  it('names the file, line and column of a capture that is not JSON, with no stack trace', async () => {
    const captures = smallCapture();
    writeFiles(join(captures, ACCOUNT, REGION), { 'ec2-describe-volumes.json': '{\n    "Volumes": [\n        {"VolumeId": "vol-1",}\n    ]\n}\n' });
    const out = join(fresh('out'), 's.json');
    const result = await runCli(['import', '--aws-cli', captures, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: ${join(captures, ACCOUNT, REGION, 'ec2-describe-volumes.json')}:3:30: invalid JSON: unexpected "}"\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('reads captures saved by PowerShell (UTF-16 with a byte order mark)', async () => {
    const captures = fresh('captures');
    const text = JSON.stringify({ Vpcs: [{ VpcId: 'vpc-ps' }] });
    mkdirSync(join(captures, ACCOUNT, REGION), { recursive: true });
    writeFileSync(join(captures, ACCOUNT, REGION, 'ec2-describe-vpcs.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const out = join(fresh('out'), 's.json');
    expect((await runCli(['import', '--aws-cli', captures, '--out', out])).code).toBe(0);
    expect((await readSnapshot(out)).resources['AWS::EC2::VPC']![0]!.VpcId).toBe('vpc-ps');
  });

  it('refuses a missing folder, a file instead of a folder, and malformed flags with one message each', async () => {
    const out = join(fresh('out'), 's.json');
    const missing = await runCli(['import', '--aws-cli', join(work, 'nope'), '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: .*nope: no such file or folder\nhint: Produce the folder with scripts\/capture-aws-cli\.sh/);
    const file = join(work, 'a-file.json');
    writeFileSync(file, '{}');
    const notDir = await runCli(['import', '--aws-cli', file, '--out', out]);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toContain('not a folder');
    const badAccount = await runCli(['import', '--aws-cli', smallCapture(), '--out', out, '--account-id', '12345']);
    expect(badAccount.code).toBe(2);
    expect(badAccount.stderr).toContain("--account-id must be a 12-digit AWS account id, got '12345'");
    const noOut = await runCli(['import', '--aws-cli', smallCapture()]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain("required option '--out <file>' not specified");
    for (const result of [missing, notDir, badAccount, noOut]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('scripts/capture-aws-cli.sh', () => {
  const script = readFileSync(SCRIPT, 'utf8');
  const docs = readFileSync(join(REPO_ROOT, 'docs', 'import.md'), 'utf8');

  it('captures every file the importer reads, and docs/import.md lists each command', () => {
    for (const command of CAPTURE_COMMANDS) {
      expect(script, command.name).toContain(`"$dir/${command.name}`);
      expect(docs, command.name).toContain(command.name);
      expect(docs, command.command).toContain(command.command.split(' --')[0]!);
    }
  });

  it('calls only read-only AWS actions', () => {
    // Every AWS CLI call goes through `awscli` or `capture PATH <service> <command>`.
    const calls = [...script.matchAll(/(?:awscli|capture "[^"]+")\s+([a-z0-9]+)\s+([a-z-]+)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(calls.length).toBeGreaterThan(25);
    for (const call of calls) expect(call).toMatch(/^(ec2|elbv2|elb|autoscaling|sts) (describe|get|list)-|^configure get$/);
    expect(script).not.toMatch(/\baws\s+(?!\$|\{)[a-z0-9]+\s+(?!describe-|get-|list-)[a-z]+-/);
  });
});

/**
 * The script's own logic (layout, per-resource loops, odd names, failed
 * calls, user data) against a stand-in `aws` that answers from files: the
 * real AWS CLI is exercised in test/integration/import-vs-scan.test.ts, but
 * it cannot be made to deny one call without breaking other tests' server.
 */
describe('scripts/capture-aws-cli.sh against a stand-in aws', () => {
  const ASG = 'web/blue fleet';
  const LB_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/0123456789abcdef`;
  const TG_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web-tg/fedcba9876543210`;
  const LISTENER_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/web/0123456789abcdef/aaaabbbbccccdddd`;
  const SECRET = Buffer.from('#!/bin/sh\nDB_PASSWORD=stand-in-canary\n').toString('base64');
  const answers: Record<string, unknown> = {
    'sts-get-caller-identity.txt': ACCOUNT,
    'ec2-describe-instances.json': {
      Reservations: [
        {
          ReservationId: 'r-1',
          OwnerId: ACCOUNT,
          Instances: [
            { InstanceId: 'i-1', ImageId: 'ami-0redash', InstanceType: 't3.small', State: { Name: 'running' } },
            // Launched long ago from an AMI since deregistered.
            { InstanceId: 'i-2', ImageId: 'ami-0gone', InstanceType: 't3.small', State: { Name: 'terminated' } },
          ],
        },
      ],
    },
    'ec2-describe-instances.txt': 'i-1',
    'ec2-describe-images.json': { Images: [{ ImageId: 'ami-0redash', Name: 'redash-10.1.0', Description: 'Redash all-in-one', State: 'available' }] },
    'ec2-describe-images.unknown': 'ami-0gone\n',
    'ec2-describe-volumes.json': { Volumes: [] },
    'ec2-describe-subnets.json': { Subnets: [] },
    'ec2-describe-vpcs.json': { Vpcs: [] },
    'ec2-describe-security-groups.json': { SecurityGroups: [] },
    'ec2-describe-addresses.json': { Addresses: [] },
    'ec2-describe-launch-templates.json': { LaunchTemplates: [{ LaunchTemplateId: 'lt-1', LaunchTemplateName: 'web', DefaultVersionNumber: 1, LatestVersionNumber: 1 }] },
    'ec2-describe-launch-template-versions.json': { LaunchTemplateVersions: [{ LaunchTemplateId: 'lt-1', VersionNumber: 1, DefaultVersion: true, LaunchTemplateData: { InstanceType: 'm5.large', UserData: SECRET } }] },
    'ec2-describe-availability-zones.json': { AvailabilityZones: [{ ZoneName: `${REGION}a`, ZoneId: 'euc1-az2', RegionName: REGION }] },
    'ec2-describe-instance-types.json': { InstanceTypes: [{ InstanceType: 'm5.large' }, { InstanceType: 't3.small' }] },
    'ec2-describe-instance-attribute.json': { InstanceId: 'i-1', UserData: { Value: SECRET } },
    'elbv2-describe-load-balancers.json': { LoadBalancers: [{ LoadBalancerArn: LB_ARN, LoadBalancerName: 'web', Type: 'application' }] },
    'elbv2-describe-load-balancer-attributes.json': { Attributes: [] },
    'elbv2-describe-listeners.json': { Listeners: [{ ListenerArn: LISTENER_ARN, LoadBalancerArn: LB_ARN, Port: 80 }] },
    'elbv2-describe-rules.json': { Rules: [{ RuleArn: `${LISTENER_ARN}/rule`, Priority: 'default' }] },
    'elbv2-describe-target-groups.json': { TargetGroups: [{ TargetGroupArn: TG_ARN, TargetGroupName: 'web-tg' }] },
    'elbv2-describe-target-health.json': { TargetHealthDescriptions: [] },
    'elbv2-describe-target-group-attributes.json': { Attributes: [] },
    'elbv2-describe-tags.json': { TagDescriptions: [{ ResourceArn: LB_ARN, Tags: [] }, { ResourceArn: TG_ARN, Tags: [] }] },
    'elb-describe-load-balancers.error': 'An error occurred (AccessDenied) when calling the DescribeLoadBalancers operation: stand-in denial',
    'autoscaling-describe-auto-scaling-groups.json': { AutoScalingGroups: [{ AutoScalingGroupName: ASG, LaunchTemplate: { LaunchTemplateId: 'lt-1' }, Instances: [] }] },
    'autoscaling-describe-auto-scaling-groups.txt': `${ASG}\tnone`,
    'autoscaling-describe-launch-configurations.json': { LaunchConfigurations: [{ LaunchConfigurationName: 'lc', InstanceType: 't3.small', UserData: SECRET }] },
    'autoscaling-describe-policies.json': { ScalingPolicies: [] },
    'autoscaling-describe-scheduled-actions.json': { ScheduledUpdateGroupActions: [] },
    'autoscaling-describe-lifecycle-hooks.json': { LifecycleHooks: [] },
  };
  // Answers `<service>-<command>` from a file; `--query` calls get the .txt answer; .error answers fail like the AWS CLI.
  const STAND_IN = `#!/usr/bin/env bash
echo "$*" >>"$STAND_IN_LOG"
while [ "$1" = --profile ]; do shift 2; done
[ "$1 $2" = "configure get" ] && exit 1
name="$1-$2"
case " $* " in *" --query "*) ext=txt ;; *) ext=json ;; esac
if [ -f "$STAND_IN_DIR/$name.error" ]; then echo; cat "$STAND_IN_DIR/$name.error" >&2; echo >&2; exit 254; fi
# An argument listed in <name>.unknown fails the whole call, as AWS fails one that names an AMI it does not know.
if [ -f "$STAND_IN_DIR/$name.unknown" ]; then
  for a in "$@"; do
    if grep -qxF -- "$a" "$STAND_IN_DIR/$name.unknown"; then echo "An error occurred (InvalidAMIID.NotFound) when calling the DescribeImages operation: The image id '[$a]' does not exist" >&2; exit 254; fi
  done
fi
cat "$STAND_IN_DIR/$name.$ext" || exit 255
`;

  function standIn(): { bin: string; log: string; env: NodeJS.ProcessEnv } {
    const root = fresh('stand-in');
    const bin = join(root, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'aws'), STAND_IN);
    chmodSync(join(bin, 'aws'), 0o755);
    writeFiles(join(root, 'answers'), answers);
    const log = join(root, 'calls.log');
    return { bin, log, env: { PATH: `${bin}:${process.env.PATH}`, HOME: root, STAND_IN_DIR: join(root, 'answers'), STAND_IN_LOG: log } };
  }

  const runScript = (args: string[], env: NodeJS.ProcessEnv) =>
    new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile('bash', [SCRIPT, ...args], { env }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }));
    });

  it('writes DIR/<account>/<region>/, encodes odd names, keeps failed calls as errors, and blanks user data', async () => {
    const { env, log } = standIn();
    const out = fresh('capture');
    const result = await runScript(['--out', out, '--region', REGION, '--profile', 'audit'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`warning: aws elb describe-load-balancers failed in ${REGION}: An error occurred (AccessDenied)`);
    const dir = join(out, ACCOUNT, REGION);
    expect(readdirSync(join(dir, 'autoscaling-describe-lifecycle-hooks'))).toEqual(['web%2Fblue%20fleet.json']);
    expect(existsSync(join(dir, 'autoscaling-describe-warm-pool'))).toBe(false);
    expect(readdirSync(join(dir, 'elbv2-describe-rules'))).toEqual(['aaaabbbbccccdddd.json']);
    expect(readdirSync(join(dir, 'elbv2-describe-target-health'))).toEqual(['web-tg.json']);
    expect(readFileSync(join(dir, 'elb-describe-load-balancers.error.txt'), 'utf8')).toContain('(AccessDenied)');
    expect(existsSync(join(dir, 'ec2-describe-instance-attribute'))).toBe(false);
    const captured = readdirSync(dir, { recursive: true }).map(String);
    expect(captured.filter((f) => f.startsWith('.'))).toEqual([]);
    for (const file of captured.filter((f) => f.endsWith('.json'))) expect(readFileSync(join(dir, file), 'utf8')).not.toContain(SECRET);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls.every((c) => c.startsWith('--profile audit '))).toBe(true);
    expect(calls).toContain(`--profile audit ec2 describe-instance-types --region ${REGION} --instance-types m5.large t3.small --output json`);
    expect(calls).toContain(`--profile audit autoscaling describe-lifecycle-hooks --region ${REGION} --auto-scaling-group-name ${ASG} --output json`);
    // The AMIs of the instances in one call; AWS refused it for the AMI it no longer knows, so each is asked alone.
    expect(calls.filter((c) => c.includes(' describe-images '))).toEqual([
      `--profile audit ec2 describe-images --region ${REGION} --image-ids ami-0gone ami-0redash --output json`,
      `--profile audit ec2 describe-images --region ${REGION} --image-ids ami-0gone --output json`,
      `--profile audit ec2 describe-images --region ${REGION} --image-ids ami-0redash --output json`,
    ]);
    expect(readdirSync(join(dir, 'ec2-describe-images'))).toEqual(['1-ami-0redash.json']);
    expect(result.stderr).toContain(`note: AMI ami-0gone is unknown to AWS in ${REGION}`);
    expect(result.stderr).not.toContain('describe-images failed');

    const snapshotPath = join(fresh('out'), 's.json');
    const imported = await runCli(['import', '--aws-cli', out, '--out', snapshotPath]);
    expect(imported.code).toBe(0);
    const snapshot = await readSnapshot(snapshotPath);
    expect(snapshot.coverage.find((c) => c.service === 'elb')).toMatchObject({ status: 'error', errorCode: 'AccessDenied' });
    expect(snapshot.coverage.filter((c) => c.status === 'ok').map((c) => c.service)).toEqual(['autoscaling', 'ec2', 'elbv2']);
    expect(snapshot.resources['AWS::AutoScaling::LifecycleHook']).toEqual([]);
    expect(snapshot.resources['AWS::ElasticLoadBalancingV2::ListenerRule']![0]!.ListenerArn).toBe(LISTENER_ARN);
    expect(snapshot.instanceTypes.map((t) => t.InstanceType)).toEqual(['m5.large', 't3.small']);
    const instances = new Map(snapshot.resources['AWS::EC2::Instance']!.map((i) => [i.InstanceId, i]));
    expect(instances.get('i-1')!.Image).toEqual({ ImageId: 'ami-0redash', Name: 'redash-10.1.0', Description: 'Redash all-in-one' });
    expect(instances.get('i-2')).not.toHaveProperty('Image');
  });

  it('keeps user data and captures each instance\'s with --include-user-data', async () => {
    const { env } = standIn();
    const out = fresh('capture');
    expect((await runScript(['--out', out, '--region', REGION, '--include-user-data'], env)).code).toBe(0);
    const dir = join(out, ACCOUNT, REGION);
    expect(readFileSync(join(dir, 'autoscaling-describe-launch-configurations.json'), 'utf8')).toContain(SECRET);
    expect(readdirSync(join(dir, 'ec2-describe-instance-attribute'))).toEqual(['i-1.json']);
    const snapshotPath = join(fresh('out'), 's.json');
    expect((await runCli(['import', '--aws-cli', out, '--out', snapshotPath, '--include-user-data'])).code).toBe(0);
    const text = readFileSync(snapshotPath, 'utf8');
    expect(text).not.toContain('stand-in-canary');
    expect(text).toContain('DB_PASSWORD=[REDACTED]');
  });

  it('does not write over an earlier capture without --force, and needs a region', async () => {
    const { env } = standIn();
    const out = fresh('capture');
    expect((await runScript(['--out', out, '--region', REGION], env)).code).toBe(0);
    const second = await runScript(['--out', out, '--region', REGION], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`already holds a capture; pass --force to replace it`);
    expect((await runScript(['--out', out, '--region', REGION, '--force'], env)).code).toBe(0);
    const noRegion = await runScript(['--out', fresh('capture')], env);
    expect(noRegion.code).toBe(1);
    expect(noRegion.stderr).toContain('no region: pass --region');
  });
});
