/**
 * Measures `kubelift scan` on an estate of about 2,500 instances in moto:
 * the API calls it makes against the lower bound, and its wall time next to
 * the AWS CLI making the same describe calls one after another.
 *
 * It starts its own moto server (moto_server on PATH), seeds the small
 * estate of test-support/seed plus N instances, one reservation each (so
 * DescribeInstances needs several pages of 1,000), then times:
 *   1. kubelift scan at the default concurrency,
 *   2. kubelift scan with --concurrency 1,
 *   3. the AWS CLI (`aws`) running the same describes in sequence, with the
 *      same page sizes, each command a separate process as a user would run it.
 *
 * Build and run (not part of npm test; takes a few minutes):
 *   npx tsc scripts/measure-scan.ts --outDir .cache/measure --module nodenext --moduleResolution nodenext \
 *     --target es2023 --skipLibCheck --types node && node .cache/measure/scripts/measure-scan.js [--instances 2500]
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { DEFAULT_CONCURRENCY, scan } from '../src/collect/run.js';
import { lowerBoundCalls } from '../src/collect/lower-bound.js';
import { silentReporter } from '../src/events/index.js';
import { resourcesOf, type Snapshot } from '../src/snapshot/types.js';
import { startMoto } from '../test-support/moto.js';
import { seedClients, seedInstances, seedSmallEstate, seedVpc } from '../test-support/seed/index.js';

const run = promisify(execFile);
const argValue = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const INSTANCES = Number(argValue('--instances', '2500'));
const REGION = 'us-east-1';
// A fresh moto server has one account; the default one is what plain dummy keys reach, for kubelift and the CLI alike.
const ACCOUNT = '123456789012';
const KEYS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

async function timeScan(endpoint: string, concurrency: number): Promise<{ ms: number; snapshot: Snapshot; calls: Record<string, number> }> {
  const started = performance.now();
  const result = await scan({ regions: [REGION], endpointUrl: endpoint, concurrency, reporter: silentReporter, toolVersion: 'measure', now: new Date(0), env: { ...KEYS } });
  return { ms: performance.now() - started, ...result };
}

/** The AWS CLI commands that make the same describe calls as the scan of `snapshot`. */
function cliCommands(snapshot: Snapshot): string[][] {
  const ids = (type: Parameters<typeof resourcesOf>[1], field: string): string[] => resourcesOf(snapshot, type).map((r) => String(r[field]));
  const chunks = <T>(list: T[], size: number): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, i * size + size));
  const commands: string[][] = [
    ['sts', 'get-caller-identity'],
    ['ec2', 'describe-instances', '--page-size', '1000'],
    ['ec2', 'describe-volumes', '--page-size', '1000'],
    ['ec2', 'describe-subnets', '--page-size', '1000'],
    ['ec2', 'describe-vpcs', '--page-size', '1000'],
    ['ec2', 'describe-security-groups', '--page-size', '1000'],
    ['ec2', 'describe-addresses'],
    ['ec2', 'describe-availability-zones'],
    ['ec2', 'describe-launch-templates', '--page-size', '200'],
  ];
  for (const template of resourcesOf(snapshot, 'AWS::EC2::LaunchTemplate')) {
    const versions = (template.Versions as { VersionNumber: number }[] | undefined) ?? [];
    if (versions.length > 0) commands.push(['ec2', 'describe-launch-template-versions', '--launch-template-id', String(template.LaunchTemplateId), '--versions', ...versions.map((v) => String(v.VersionNumber))]);
  }
  for (const types of chunks(snapshot.instanceTypes.map((t) => t.InstanceType), 100)) commands.push(['ec2', 'describe-instance-types', '--instance-types', ...types]);

  const lbs = ids('AWS::ElasticLoadBalancingV2::LoadBalancer', 'LoadBalancerArn');
  const tgs = ids('AWS::ElasticLoadBalancingV2::TargetGroup', 'TargetGroupArn');
  commands.push(['elbv2', 'describe-load-balancers', '--page-size', '400'], ['elbv2', 'describe-target-groups', '--page-size', '400']);
  for (const arn of lbs) commands.push(['elbv2', 'describe-listeners', '--load-balancer-arn', arn, '--page-size', '400'], ['elbv2', 'describe-load-balancer-attributes', '--load-balancer-arn', arn]);
  for (const arn of ids('AWS::ElasticLoadBalancingV2::Listener', 'ListenerArn')) commands.push(['elbv2', 'describe-rules', '--listener-arn', arn, '--page-size', '400']);
  for (const arn of tgs) commands.push(['elbv2', 'describe-target-health', '--target-group-arn', arn], ['elbv2', 'describe-target-group-attributes', '--target-group-arn', arn]);
  for (const batch of chunks([...lbs, ...tgs], 20)) commands.push(['elbv2', 'describe-tags', '--resource-arns', ...batch]);

  const clbs = ids('AWS::ElasticLoadBalancing::LoadBalancer', 'LoadBalancerName');
  commands.push(['elb', 'describe-load-balancers', '--page-size', '400']);
  for (const name of clbs) commands.push(['elb', 'describe-instance-health', '--load-balancer-name', name], ['elb', 'describe-load-balancer-attributes', '--load-balancer-name', name]);
  for (const batch of chunks(clbs, 20)) commands.push(['elb', 'describe-tags', '--load-balancer-names', ...batch]);

  commands.push(
    ['autoscaling', 'describe-auto-scaling-groups', '--page-size', '100'],
    ['autoscaling', 'describe-launch-configurations', '--page-size', '100'],
    ['autoscaling', 'describe-policies', '--page-size', '100'],
    ['autoscaling', 'describe-scheduled-actions', '--page-size', '100'],
  );
  for (const name of ids('AWS::AutoScaling::AutoScalingGroup', 'AutoScalingGroupName')) commands.push(['autoscaling', 'describe-lifecycle-hooks', '--auto-scaling-group-name', name]);
  for (const name of ids('AWS::AutoScaling::WarmPool', 'AutoScalingGroupName')) commands.push(['autoscaling', 'describe-warm-pool', '--auto-scaling-group-name', name]);
  return commands;
}

async function timeCli(endpoint: string, commands: string[][]): Promise<number> {
  const env = { ...process.env, ...KEYS, AWS_DEFAULT_REGION: REGION, AWS_PAGER: '' };
  const started = performance.now();
  for (const command of commands) {
    await run('aws', [...command, '--endpoint-url', endpoint, '--region', REGION, '--output', 'json'], { env, maxBuffer: 1024 * 1024 * 1024 });
  }
  return performance.now() - started;
}

/** The median wall time of `aws --version`: what each CLI command pays before any request. */
async function cliStartupMs(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await run('aws', ['--version']);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[1]!;
}

async function main(): Promise<void> {
  const moto = await startMoto();
  try {
    const c = seedClients({ endpoint: moto.endpoint, accountId: ACCOUNT, region: REGION });
    const started = performance.now();
    await seedSmallEstate(c);
    // The bulk goes into a VPC of its own with /20 subnets: a /24 holds only 251 instances.
    const bulk = await seedVpc(c, { cidr: '10.1.0.0/16', subnetMask: 20, name: 'bulk' });
    const subnets = bulk.subnets.map((s) => s.subnetId);
    for (let i = 0; i < INSTANCES; i++) {
      await seedInstances(c, { subnetId: subnets[i % subnets.length]!, instanceType: i % 2 ? 'm5.large' : 'c5.xlarge' });
      if ((i + 1) % 500 === 0) process.stderr.write(`seeded ${i + 1} instances (${seconds(performance.now() - started)} s)\n`);
    }
    const seedMs = performance.now() - started;

    // A first pass warms moto's caches so that neither measured tool pays for the cold start.
    await timeScan(moto.endpoint, DEFAULT_CONCURRENCY);
    const parallel = await timeScan(moto.endpoint, DEFAULT_CONCURRENCY);
    const sequential = await timeScan(moto.endpoint, 1);
    const commands = cliCommands(parallel.snapshot);
    const cliMs = await timeCli(moto.endpoint, commands);
    const startupMs = await cliStartupMs();

    const bound = lowerBoundCalls(parallel.snapshot, { pagesAs: 'moto' });
    const awsBound = lowerBoundCalls(parallel.snapshot, { pagesAs: 'aws' });
    const actions = [...new Set([...Object.keys(parallel.calls), ...Object.keys(bound), ...Object.keys(awsBound)])].sort();
    const total = (record: Record<string, number>): number => Object.values(record).reduce((a, b) => a + b, 0);
    const instances = resourcesOf(parallel.snapshot, 'AWS::EC2::Instance');
    const reservations = new Set(instances.map((i) => i.ReservationId)).size;

    const lines = [
      `estate: ${instances.length} instances in ${reservations} reservations, ${resourcesOf(parallel.snapshot, 'AWS::AutoScaling::AutoScalingGroup').length} Auto Scaling groups, ${resourcesOf(parallel.snapshot, 'AWS::ElasticLoadBalancingV2::TargetGroup').length} target groups; seeded in ${seconds(seedMs)} s`,
      '',
      '| call | kubelift | lower bound (moto) | lower bound (AWS) |',
      '| --- | ---: | ---: | ---: |',
      ...actions.map((a) => `| ${a} | ${parallel.calls[a] ?? 0} | ${bound[a] ?? 0} | ${awsBound[a] ?? 0} |`),
      `| **total** | **${total(parallel.calls)}** | **${total(bound)}** | **${total(awsBound)}** |`,
      '',
      '| run | wall time |',
      '| --- | ---: |',
      `| kubelift scan (--concurrency ${DEFAULT_CONCURRENCY}) | ${seconds(parallel.ms)} s |`,
      `| kubelift scan (--concurrency 1) | ${seconds(sequential.ms)} s |`,
      `| AWS CLI, the same describes in sequence (${commands.length} commands) | ${seconds(cliMs)} s |`,
      '',
      `ratio AWS CLI / kubelift: ${(cliMs / parallel.ms).toFixed(1)}× (sequential kubelift: ${(cliMs / sequential.ms).toFixed(1)}×)`,
      `AWS CLI start-up (\`aws --version\`, median of 3): ${seconds(startupMs)} s per command, ${seconds(startupMs * commands.length)} s of the CLI run; without it the ratio is ${((cliMs - startupMs * commands.length) / parallel.ms).toFixed(1)}×`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await moto.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
