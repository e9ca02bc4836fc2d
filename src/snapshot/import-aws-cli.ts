/**
 * Builds a snapshot from AWS CLI captures: the JSON that `aws <service>
 * <command> --output json` prints, laid out as docs/import.md describes
 * (DIR/<account-id>/<region>/<service>-<command>.json, one file per resource
 * for the per-resource calls). The result is the snapshot a scan of the same
 * estate gives: the same resources, with the same kubelift additions, so
 * every later step treats both alike. Missing captures become coverage gaps,
 * never errors; a malformed capture is an InputError naming the file and the
 * JSON path. Pure: the files come in as data (read-captures.ts reads them).
 */
import { InputError } from '../errors.js';
import { imageSummary, instanceTypesInUse, usedTemplateVersions } from './enrich.js';
import { normalizeSnapshot } from './normalize.js';
import { userDataText } from './redact.js';
import {
  RESOURCE_TYPES,
  resourceId,
  SERVICE_OF,
  SERVICES,
  SNAPSHOT_SCHEMA_VERSION,
  type AvailabilityZoneInfo,
  type AwsResource,
  type CoverageRecord,
  type InstanceTypeInfo,
  type ResourceType,
  type Service,
  type Snapshot,
} from './types.js';

/** The resource a per-resource capture file is named after. */
export type CaptureKey = 'launch-template' | 'load-balancer' | 'target-group' | 'listener' | 'classic-load-balancer' | 'auto-scaling-group' | 'instance';

/** One AWS CLI command whose output kubelift reads. */
export interface CaptureCommand {
  /** The file name without `.json` (listings), or the folder name (per-resource calls and batches). */
  name: string;
  service: Service;
  /** The AWS CLI command, without the per-resource argument. */
  command: string;
  /** The top-level field of the command's output that kubelift reads. */
  field: string;
  /** Per-resource calls: one file per resource, named by this key. Absent: one file, or any number of files in a folder, merged. */
  per?: CaptureKey;
  /** What is incomplete when this capture is missing. */
  feeds: readonly ResourceType[];
  /** The output may lack `field` (no warm pool, no user data). */
  fieldOptional?: boolean;
  /** Read only with `--include-user-data`. */
  userDataOnly?: boolean;
}

const INSTANCE: ResourceType = 'AWS::EC2::Instance';
const LAUNCH_TEMPLATE: ResourceType = 'AWS::EC2::LaunchTemplate';
const LB: ResourceType = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const LISTENER: ResourceType = 'AWS::ElasticLoadBalancingV2::Listener';
const RULE: ResourceType = 'AWS::ElasticLoadBalancingV2::ListenerRule';
const TG: ResourceType = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const CLB: ResourceType = 'AWS::ElasticLoadBalancing::LoadBalancer';
const ASG: ResourceType = 'AWS::AutoScaling::AutoScalingGroup';
const HOOK: ResourceType = 'AWS::AutoScaling::LifecycleHook';
const WARM_POOL: ResourceType = 'AWS::AutoScaling::WarmPool';

/** Every capture kubelift reads, in the order docs/import.md lists them. */
export const CAPTURE_COMMANDS: readonly CaptureCommand[] = [
  { name: 'ec2-describe-instances', service: 'ec2', command: 'aws ec2 describe-instances', field: 'Reservations', feeds: [INSTANCE] },
  { name: 'ec2-describe-volumes', service: 'ec2', command: 'aws ec2 describe-volumes', field: 'Volumes', feeds: ['AWS::EC2::Volume'] },
  { name: 'ec2-describe-subnets', service: 'ec2', command: 'aws ec2 describe-subnets', field: 'Subnets', feeds: ['AWS::EC2::Subnet'] },
  { name: 'ec2-describe-vpcs', service: 'ec2', command: 'aws ec2 describe-vpcs', field: 'Vpcs', feeds: ['AWS::EC2::VPC'] },
  { name: 'ec2-describe-security-groups', service: 'ec2', command: 'aws ec2 describe-security-groups', field: 'SecurityGroups', feeds: ['AWS::EC2::SecurityGroup'] },
  { name: 'ec2-describe-addresses', service: 'ec2', command: 'aws ec2 describe-addresses', field: 'Addresses', feeds: ['AWS::EC2::EIP'] },
  { name: 'ec2-describe-launch-templates', service: 'ec2', command: 'aws ec2 describe-launch-templates', field: 'LaunchTemplates', feeds: [LAUNCH_TEMPLATE] },
  { name: 'ec2-describe-launch-template-versions', service: 'ec2', command: 'aws ec2 describe-launch-template-versions --launch-template-id', field: 'LaunchTemplateVersions', per: 'launch-template', feeds: [LAUNCH_TEMPLATE] },
  { name: 'ec2-describe-availability-zones', service: 'ec2', command: 'aws ec2 describe-availability-zones', field: 'AvailabilityZones', feeds: [] },
  { name: 'ec2-describe-instance-types', service: 'ec2', command: 'aws ec2 describe-instance-types --instance-types', field: 'InstanceTypes', feeds: [] },
  { name: 'ec2-describe-images', service: 'ec2', command: 'aws ec2 describe-images --image-ids', field: 'Images', feeds: [] },
  { name: 'ec2-describe-instance-attribute', service: 'ec2', command: 'aws ec2 describe-instance-attribute --attribute userData --instance-id', field: 'UserData', per: 'instance', feeds: [], fieldOptional: true, userDataOnly: true },
  { name: 'elbv2-describe-load-balancers', service: 'elbv2', command: 'aws elbv2 describe-load-balancers', field: 'LoadBalancers', feeds: [LB, LISTENER, RULE] },
  { name: 'elbv2-describe-load-balancer-attributes', service: 'elbv2', command: 'aws elbv2 describe-load-balancer-attributes --load-balancer-arn', field: 'Attributes', per: 'load-balancer', feeds: [LB] },
  { name: 'elbv2-describe-listeners', service: 'elbv2', command: 'aws elbv2 describe-listeners --load-balancer-arn', field: 'Listeners', per: 'load-balancer', feeds: [LISTENER, RULE] },
  { name: 'elbv2-describe-rules', service: 'elbv2', command: 'aws elbv2 describe-rules --listener-arn', field: 'Rules', per: 'listener', feeds: [RULE] },
  { name: 'elbv2-describe-target-groups', service: 'elbv2', command: 'aws elbv2 describe-target-groups', field: 'TargetGroups', feeds: [TG] },
  { name: 'elbv2-describe-target-health', service: 'elbv2', command: 'aws elbv2 describe-target-health --target-group-arn', field: 'TargetHealthDescriptions', per: 'target-group', feeds: [TG] },
  { name: 'elbv2-describe-target-group-attributes', service: 'elbv2', command: 'aws elbv2 describe-target-group-attributes --target-group-arn', field: 'Attributes', per: 'target-group', feeds: [TG] },
  { name: 'elbv2-describe-tags', service: 'elbv2', command: 'aws elbv2 describe-tags --resource-arns', field: 'TagDescriptions', feeds: [LB, TG] },
  { name: 'elb-describe-load-balancers', service: 'elb', command: 'aws elb describe-load-balancers', field: 'LoadBalancerDescriptions', feeds: [CLB] },
  { name: 'elb-describe-instance-health', service: 'elb', command: 'aws elb describe-instance-health --load-balancer-name', field: 'InstanceStates', per: 'classic-load-balancer', feeds: [CLB] },
  { name: 'elb-describe-load-balancer-attributes', service: 'elb', command: 'aws elb describe-load-balancer-attributes --load-balancer-name', field: 'LoadBalancerAttributes', per: 'classic-load-balancer', feeds: [CLB] },
  { name: 'elb-describe-tags', service: 'elb', command: 'aws elb describe-tags --load-balancer-names', field: 'TagDescriptions', feeds: [CLB] },
  { name: 'autoscaling-describe-auto-scaling-groups', service: 'autoscaling', command: 'aws autoscaling describe-auto-scaling-groups', field: 'AutoScalingGroups', feeds: [ASG, HOOK, WARM_POOL] },
  { name: 'autoscaling-describe-launch-configurations', service: 'autoscaling', command: 'aws autoscaling describe-launch-configurations', field: 'LaunchConfigurations', feeds: ['AWS::AutoScaling::LaunchConfiguration'] },
  { name: 'autoscaling-describe-policies', service: 'autoscaling', command: 'aws autoscaling describe-policies', field: 'ScalingPolicies', feeds: ['AWS::AutoScaling::ScalingPolicy'] },
  { name: 'autoscaling-describe-scheduled-actions', service: 'autoscaling', command: 'aws autoscaling describe-scheduled-actions', field: 'ScheduledUpdateGroupActions', feeds: ['AWS::AutoScaling::ScheduledAction'] },
  { name: 'autoscaling-describe-lifecycle-hooks', service: 'autoscaling', command: 'aws autoscaling describe-lifecycle-hooks --auto-scaling-group-name', field: 'LifecycleHooks', per: 'auto-scaling-group', feeds: [HOOK] },
  { name: 'autoscaling-describe-warm-pool', service: 'autoscaling', command: 'aws autoscaling describe-warm-pool --auto-scaling-group-name', field: 'WarmPoolConfiguration', per: 'auto-scaling-group', feeds: [WARM_POOL], fieldOptional: true },
];

const COMMANDS = new Map(CAPTURE_COMMANDS.map((c) => [c.name, c]));

/** What the importer needs besides the files. */
export interface ImportOptions {
  /** The capture folder as the user named it: messages show paths under it, and its own name may say the account or region. */
  root: string;
  /** The account when neither the folder names nor the data say it. */
  accountId?: string;
  /** The region when neither the folder names nor the data say it. */
  region?: string;
  /** Keep user data (decoded, likely secrets redacted); by default none is kept. */
  includeUserData?: boolean;
  toolVersion: string;
  /** The snapshot's generatedAt. */
  now: Date;
}

export interface ImportResult {
  snapshot: Snapshot;
  /** Files that were ignored, and other things a person should know; never secrets. */
  warnings: string[];
}

type Json = Record<string, unknown>;

/** One capture file: where it is, its key (per-resource files and pages), and its content. */
interface Entry {
  path: string;
  key?: string;
  data: Json;
}

interface ErrorEntry {
  path: string;
  key?: string;
  code: string;
  message: string;
}

/** The captures of one account and region. */
interface CaptureSet {
  folder: string;
  accountId: string;
  region: string;
  entries: Map<string, Entry[]>;
  errors: Map<string, ErrorEntry[]>;
}

interface Gap {
  service: Service;
  code: string;
  message: string;
  missing: readonly ResourceType[];
}

export const NOT_CAPTURED = 'NotCaptured';

// Errors that mean the resource was deleted between the listing and the per-resource call (as the scan treats them).
const VANISHED = new Set(['InvalidInstanceID.NotFound', 'TargetGroupNotFound', 'LoadBalancerNotFound', 'ListenerNotFound', 'AccessPointNotFound']);
const GROUP_VANISHED = new Set([...VANISHED, 'ValidationError']);
// What DescribeImages answers, for the whole call, when one of its ids is unknown (deregistered, no longer shared, malformed).
const UNKNOWN_IMAGE = /^InvalidAMIID\./;

const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** `a/b` joined for display, with the separator the user typed. */
function display(root: string, relative: string): string {
  if (relative === '') return root;
  if (root === '' || root === '.') return relative;
  return `${root.replace(/[/\\]+$/, '')}/${relative}`;
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

const FINE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.(\d{4,})(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads AWS CLI output the way the SDK a scan uses reads the same response,
 * so that both give the same snapshot: botocore prints `null` for a
 * structure the service sent empty, where the SDK leaves the field out; and
 * it prints microseconds, which the SDK rounds to the nearest millisecond
 * (a plain Date parse would truncate them).
 */
function fromCliJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromCliJson);
  if (isObject(value)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = fromCliJson(v);
    return out;
  }
  if (typeof value === 'string') {
    const match = FINE_TIME.exec(value);
    if (match) {
      const whole = Date.parse(`${match[1]}${match[3]}`);
      if (!Number.isNaN(whole)) return new Date(whole + Math.round(parseFloat(`0.${match[2]}`) * 1000)).toISOString();
    }
  }
  return value;
}

/** `An error occurred (AccessDenied) when calling the X operation: message` → code and message. */
function parseCliError(text: string): { code: string; message: string } {
  const clean = text.replace(/\s*Encoded authorization failure message:.*$/s, '').trim();
  const match = /An error occurred \(([^)]+)\)[^:]*:\s*([\s\S]*)/.exec(clean);
  if (match) return { code: match[1]!, message: match[2]!.trim().split('\n')[0]!.trim() };
  const first = clean.split('\n').find((line) => line.trim() !== '')?.trim() ?? 'the AWS CLI call failed';
  return { code: 'CaptureFailed', message: first.slice(0, 300) };
}

function capturePath(folder: string, command: CaptureCommand, key?: string): string {
  const base = folder === '' ? '' : `${folder}/`;
  return key === undefined ? `${base}${command.name}.json` : `${base}${command.name}/${key}.json`;
}

/** Sorts the files into capture sets, one per folder that holds captures. */
function groupFiles(files: ReadonlyMap<string, unknown>, options: ImportOptions, warnings: string[]): Map<string, Omit<CaptureSet, 'accountId' | 'region'>> {
  const sets = new Map<string, Omit<CaptureSet, 'accountId' | 'region'>>();
  const setOf = (folder: string) => {
    let set = sets.get(folder);
    if (!set) sets.set(folder, (set = { folder, entries: new Map(), errors: new Map() }));
    return set;
  };
  for (const rel of [...files.keys()].sort()) {
    const content = files.get(rel);
    const segments = rel.split('/');
    const file = segments[segments.length - 1]!;
    const isError = file.endsWith('.error.txt');
    const stem = isError ? file.slice(0, -'.error.txt'.length) : file.replace(/\.json$/, '');
    const parent = segments.length >= 2 ? segments[segments.length - 2]! : undefined;
    let command: CaptureCommand | undefined;
    let key: string | undefined;
    let folder: string;
    if (parent !== undefined && COMMANDS.has(parent)) {
      command = COMMANDS.get(parent)!;
      key = decodeKey(stem);
      folder = segments.slice(0, -2).join('/');
    } else if (COMMANDS.has(stem)) {
      command = COMMANDS.get(stem)!;
      folder = segments.slice(0, -1).join('/');
    } else {
      warnings.push(`ignored ${display(options.root, rel)}: not a capture kubelift reads (see docs/import.md for the file names)`);
      continue;
    }
    if (command.userDataOnly && !options.includeUserData) continue;
    const set = setOf(folder);
    const path = display(options.root, rel);
    if (isError) {
      const { code, message } = parseCliError(String(content));
      const list = set.errors.get(command.name) ?? [];
      list.push({ path, key, code, message });
      set.errors.set(command.name, list);
      continue;
    }
    if (!isObject(content)) {
      throw new InputError(`${path}: expected the JSON object that \`${command.command} --output json\` prints`, { code: 'E_INPUT_CAPTURE', location: { file: path, path: '$' } });
    }
    const list = set.entries.get(command.name) ?? [];
    list.push({ path, key, data: fromCliJson(content) as Json });
    set.entries.set(command.name, list);
  }
  return sets;
}

/** Where a value in the data says which account and region it belongs to. */
interface Evidence {
  value: string;
  path: string;
  where: string;
}

function arnParts(arn: unknown): { region?: string; account?: string } {
  const parts = typeof arn === 'string' ? arn.split(':') : [];
  if (parts.length < 6 || parts[0] !== 'arn') return {};
  return { region: parts[3] || undefined, account: parts[4] || undefined };
}

/** Account and region as the captured data states them (ARNs, reservation owners, zones). */
function evidenceOf(set: Omit<CaptureSet, 'accountId' | 'region'>): { accounts: Evidence[]; regions: Evidence[] } {
  const accounts: Evidence[] = [];
  const regions: Evidence[] = [];
  const eachItem = (command: string, field: string, visit: (item: Json, path: string, where: string) => void): void => {
    for (const entry of set.entries.get(command) ?? []) {
      const list = entry.data[field];
      if (!Array.isArray(list)) continue;
      list.forEach((item, i) => {
        if (isObject(item)) visit(item, `$.${field}[${i}]`, entry.path);
      });
    }
  };
  eachItem('ec2-describe-instances', 'Reservations', (r, path, where) => {
    if (str(r.OwnerId)) accounts.push({ value: r.OwnerId as string, path: `${path}.OwnerId`, where });
  });
  const arns = (command: string, field: string, arnField: string): void =>
    eachItem(command, field, (item, path, where) => {
      const { account, region } = arnParts(item[arnField]);
      if (account) accounts.push({ value: account, path: `${path}.${arnField}`, where });
      if (region) regions.push({ value: region, path: `${path}.${arnField}`, where });
    });
  arns('elbv2-describe-load-balancers', 'LoadBalancers', 'LoadBalancerArn');
  arns('elbv2-describe-target-groups', 'TargetGroups', 'TargetGroupArn');
  arns('autoscaling-describe-auto-scaling-groups', 'AutoScalingGroups', 'AutoScalingGroupARN');
  eachItem('ec2-describe-subnets', 'Subnets', (s, path, where) => {
    // A subnet shared from another account carries that account's id, so subnets only say the region.
    const { region } = arnParts(s.SubnetArn);
    if (region) regions.push({ value: region, path: `${path}.SubnetArn`, where });
  });
  eachItem('ec2-describe-availability-zones', 'AvailabilityZones', (z, path, where) => {
    if (str(z.RegionName)) regions.push({ value: z.RegionName as string, path: `${path}.RegionName`, where });
  });
  return { accounts, regions };
}

/**
 * The account (or region) of a capture set: the folder names, the flag and
 * the data must agree; the first that says it wins, a disagreement is an error.
 */
function settle(kind: 'account' | 'region', set: { folder: string }, named: string | undefined, flag: string | undefined, evidence: Evidence[], root: string): string {
  const flagName = kind === 'account' ? '--account-id' : '--region';
  const folderPath = display(root, set.folder) || root;
  const stated = named ?? flag;
  const from = named !== undefined ? `the folder ${folderPath}` : `${flagName} ${flag}`;
  const distinct = [...new Set(evidence.map((e) => e.value))];
  if (stated !== undefined) {
    const other = evidence.find((e) => e.value !== stated);
    if (other) {
      throw new InputError(`${other.where}: ${other.path} says ${kind} ${other.value}, but ${from} says ${stated}`, {
        code: 'E_INPUT_CAPTURE',
        location: { file: other.where, path: other.path },
        hint: `Keep each ${kind}'s captures in its own folder: DIR/<account-id>/<region>/.`,
      });
    }
    return stated;
  }
  if (distinct.length === 1) return distinct[0]!;
  if (distinct.length > 1) {
    const [a, b] = [evidence[0]!, evidence.find((e) => e.value !== evidence[0]!.value)!];
    throw new InputError(`${folderPath}: the captures hold more than one ${kind} (${a.value} at ${a.where} ${a.path}, ${b.value} at ${b.where} ${b.path})`, {
      code: 'E_INPUT_CAPTURE',
      location: { file: b.where, path: b.path },
      hint: `Put each ${kind}'s captures in its own folder: DIR/<account-id>/<region>/.`,
    });
  }
  throw new InputError(`${folderPath}: cannot tell which ${kind} these captures are from`, {
    code: 'E_INPUT_CAPTURE',
    location: { file: folderPath },
    hint: `Name the folder DIR/<account-id>/<region>/, or pass ${flagName}.`,
  });
}

function locate(sets: Map<string, Omit<CaptureSet, 'accountId' | 'region'>>, options: ImportOptions): CaptureSet[] {
  const rootSegments = options.root.split(/[/\\]+/).filter((s) => s !== '' && s !== '.');
  const located: CaptureSet[] = [];
  for (const set of sets.values()) {
    const segments = [...rootSegments, ...(set.folder === '' ? [] : set.folder.split('/'))];
    const named = (pattern: RegExp): string | undefined => [...segments].reverse().find((s) => pattern.test(s));
    const { accounts, regions } = evidenceOf(set);
    const accountId = settle('account', set, named(ACCOUNT), options.accountId, accounts, options.root);
    const region = settle('region', set, named(REGION), options.region, regions, options.root);
    located.push({ ...set, accountId, region });
  }
  const seen = new Map<string, CaptureSet>();
  for (const set of located) {
    const key = `${set.accountId}/${set.region}`;
    const earlier = seen.get(key);
    if (earlier) {
      throw new InputError(`${display(options.root, set.folder) || options.root} and ${display(options.root, earlier.folder) || options.root} both hold captures of account ${set.accountId} in ${set.region}`, {
        code: 'E_INPUT_CAPTURE',
        location: { file: display(options.root, set.folder) || options.root },
        hint: 'Keep one capture per account and region: DIR/<account-id>/<region>/.',
      });
    }
    seen.set(key, set);
  }
  return located.sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region));
}

/** Fails with the file, the JSON path and what the AWS CLI would have printed there. */
function malformed(entry: { path: string }, path: string, expected: string, command: CaptureCommand): never {
  throw new InputError(`${entry.path}: ${path} ${expected} (as \`${command.command} --output json\` prints it)`, {
    code: 'E_INPUT_CAPTURE',
    location: { file: entry.path, path },
  });
}

/** The items of a top-level list field, each checked to be an object with the given string fields. */
function itemsOf(entry: Entry, command: CaptureCommand, field: string, required: readonly string[] = []): Json[] {
  return checkItems(entry, command, entry.data[field], `$.${field}`, required);
}

function checkItems(entry: Entry, command: CaptureCommand, list: unknown, path: string, required: readonly string[]): Json[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) malformed(entry, path, 'must be a list', command);
  return list.map((item, i) => {
    if (!isObject(item)) malformed(entry, `${path}[${i}]`, 'must be an object', command);
    for (const name of required) if (typeof item[name] !== 'string' || item[name] === '') malformed(entry, `${path}[${i}].${name}`, 'must be a non-empty string', command);
    return item;
  });
}

/** Shallow copies, so that the kubelift additions never touch the parsed input. */
const copy = (item: Json): Json => ({ ...item });

/** Reads one capture set into resources, side tables and gaps, the way the scan's collectors do. */
class SetImporter {
  readonly gaps: Gap[] = [];
  readonly resources: Partial<Record<ResourceType, Json[]>> = {};
  instanceTypes: Json[] | undefined;
  availabilityZones: Json[] | undefined;

  constructor(
    private readonly set: CaptureSet,
    private readonly options: ImportOptions,
    private readonly warnings: string[],
  ) {}

  private gap(command: CaptureCommand, code: string, message: string, missing: readonly ResourceType[] = command.feeds): void {
    this.gaps.push({ service: command.service, code, message, missing });
  }

  private where(command: CaptureCommand, key?: string): string {
    return display(this.options.root, capturePath(this.set.folder, command, key));
  }

  /** A listing: every file of the command merged; undefined (and a gap) when it was not captured. */
  listing(name: string, required: readonly string[] = []): Json[] | undefined {
    const command = COMMANDS.get(name)!;
    const entries = this.set.entries.get(name) ?? [];
    const errors = this.set.errors.get(name) ?? [];
    if (entries.length === 0) {
      const error = errors[0];
      if (error) this.gap(command, error.code, `${command.command}: ${error.code}: ${error.message} (${error.path})`);
      else this.gap(command, NOT_CAPTURED, `${command.command}: not captured (${this.where(command)})`);
      return undefined;
    }
    for (const error of errors) {
      // A failed page leaves the listing incomplete; a failure beside a whole listing is left over from an earlier attempt.
      if (error.key !== undefined) this.gap(command, error.code, `${command.command}: ${error.code}: ${error.message} (${error.path})`);
      else this.warnings.push(`ignored ${error.path}: ${entries[0]!.path} holds the output of the same command`);
    }
    const pagesWithMore = entries.filter((e) => str(e.data.NextToken) ?? str(e.data.NextMarker));
    if (pagesWithMore.length === entries.length) {
      this.gap(command, 'Truncated', `${command.command}: the capture ends with a NextToken, so the listing is incomplete (${entries[0]!.path}); capture it without --max-items or --no-paginate`);
    }
    return entries.flatMap((entry) => {
      if (entry.data[command.field] === undefined) malformed(entry, `$.${command.field}`, 'is missing', command);
      return itemsOf(entry, command, command.field, required);
    });
  }

  /**
   * A per-resource call: the captured output for each parent, found by the
   * file's key (a name, an id or an ARN). Parents without a file are gaps;
   * parents the call said were deleted meanwhile are returned as vanished.
   */
  perResource(
    name: string,
    parents: readonly Json[],
    keysOf: (parent: Json) => (string | undefined)[],
    label: (parent: Json) => string,
    options: { vanished?: ReadonlySet<string>; needs?: (parent: Json) => boolean } = {},
  ): { found: Map<Json, Entry>; vanished: Set<Json> } {
    const vanishedCodes = options.vanished ?? VANISHED;
    const needs = options.needs ?? (() => true);
    const command = COMMANDS.get(name)!;
    const byKey = new Map<string, Json>();
    for (const parent of parents) for (const key of keysOf(parent)) if (key && !byKey.has(key)) byKey.set(key, parent);
    const found = new Map<Json, Entry>();
    const vanished = new Set<Json>();
    const failed = new Map<Json, ErrorEntry>();
    for (const entry of this.set.entries.get(name) ?? []) {
      if (entry.key === undefined) {
        this.warnings.push(`ignored ${entry.path}: ${command.command} is captured once per resource, as ${this.where(command, '<key>')}`);
        continue;
      }
      const parent = byKey.get(entry.key);
      if (!parent) {
        this.warnings.push(`ignored ${entry.path}: no ${command.per!.replace(/-/g, ' ')} '${entry.key}' in this capture's listing`);
        continue;
      }
      if (entry.data[command.field] === undefined && !command.fieldOptional) malformed(entry, `$.${command.field}`, 'is missing', command);
      found.set(parent, entry);
    }
    const errors = this.set.errors.get(name) ?? [];
    for (const error of errors) {
      const parent = error.key === undefined ? undefined : byKey.get(error.key);
      if (!parent || found.has(parent)) continue;
      if (vanishedCodes.has(error.code)) vanished.add(parent);
      else failed.set(parent, error);
    }
    // A failure not tied to one resource (the whole loop was denied) stands for every parent without a file.
    const general = errors.find((e) => e.key === undefined);
    if (general) for (const parent of parents) if (needs(parent) && !found.has(parent) && !vanished.has(parent) && !failed.has(parent)) failed.set(parent, general);
    const missing = parents.filter((p) => needs(p) && !found.has(p) && !vanished.has(p) && !failed.has(p));
    const byCode = new Map<string, ErrorEntry[]>();
    for (const error of failed.values()) byCode.set(error.code, [...(byCode.get(error.code) ?? []), error]);
    for (const [code, list] of [...byCode.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      this.gap(command, code, `${command.command}: ${code}: ${list[0]!.message} (${list.length === 1 ? list[0]!.path : `${list.length} files, e.g. ${list[0]!.path}`})`);
    }
    if (missing.length > 0) {
      const names = missing.map(label).sort();
      const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? `, … ${names.length - 3} more` : '');
      this.gap(command, NOT_CAPTURED, `${command.command}: not captured for ${missing.length} ${command.per!.replace(/-/g, ' ')}(s): ${shown} (${this.where(command, '<key>')})`);
    }
    return { found, vanished };
  }

  run(): void {
    const groups = this.autoScaling();
    this.ec2(groups);
    this.elbv2();
    this.elb();
  }

  private autoScaling(): { groups?: Json[]; launchConfigurations?: Json[] } {
    const groups = this.listing('autoscaling-describe-auto-scaling-groups', ['AutoScalingGroupName'])?.map(copy);
    const launchConfigurations = this.listing('autoscaling-describe-launch-configurations', ['LaunchConfigurationName'])?.map(copy);
    const policies = this.listing('autoscaling-describe-policies')?.map(copy);
    const scheduled = this.listing('autoscaling-describe-scheduled-actions')?.map(copy);
    for (const lc of launchConfigurations ?? []) applyUserDataPolicy(lc, Boolean(this.options.includeUserData));
    if (groups) {
      const name = (g: Json): string => String(g.AutoScalingGroupName);
      const hooks = this.perResource('autoscaling-describe-lifecycle-hooks', groups, (g) => [name(g), str(g.AutoScalingGroupARN)], name, { vanished: GROUP_VANISHED });
      const hookCommand = COMMANDS.get('autoscaling-describe-lifecycle-hooks')!;
      this.resources[HOOK] = [...hooks.found.entries()].flatMap(([group, entry]) =>
        itemsOf(entry, hookCommand, hookCommand.field).map((hook) => ({ AutoScalingGroupName: name(group), ...hook })),
      );
      // Only groups that report a warm pool have one, as the scan reads it; a capture for another group is accepted and unused.
      const hasWarmPool = (g: Json): boolean => g.WarmPoolConfiguration !== undefined;
      const pools = this.perResource('autoscaling-describe-warm-pool', groups, (g) => [name(g), str(g.AutoScalingGroupARN)], name, { vanished: GROUP_VANISHED, needs: hasWarmPool });
      const poolCommand = COMMANDS.get('autoscaling-describe-warm-pool')!;
      this.resources[WARM_POOL] = [...pools.found.entries()].filter(([group]) => hasWarmPool(group)).map(([group, entry]) => {
        const pool: Json = { AutoScalingGroupName: name(group), Instances: checkItems(entry, poolCommand, entry.data.Instances, '$.Instances', []) };
        if (entry.data.WarmPoolConfiguration !== undefined) {
          if (!isObject(entry.data.WarmPoolConfiguration)) malformed(entry, '$.WarmPoolConfiguration', 'must be an object', poolCommand);
          pool.WarmPoolConfiguration = entry.data.WarmPoolConfiguration;
        }
        return pool;
      });
      this.resources[ASG] = groups;
    }
    if (launchConfigurations) this.resources['AWS::AutoScaling::LaunchConfiguration'] = launchConfigurations;
    if (policies) this.resources['AWS::AutoScaling::ScalingPolicy'] = policies;
    if (scheduled) this.resources['AWS::AutoScaling::ScheduledAction'] = scheduled;
    return { groups, launchConfigurations };
  }

  private ec2(asg: { groups?: Json[]; launchConfigurations?: Json[] }): void {
    const reservations = this.listing('ec2-describe-instances');
    let instances: Json[] | undefined;
    if (reservations) {
      const command = COMMANDS.get('ec2-describe-instances')!;
      instances = [];
      // Re-read per entry so a malformed instance is reported with its file and path.
      for (const entry of this.set.entries.get(command.name) ?? []) {
        itemsOf(entry, command, 'Reservations').forEach((reservation, r) => {
          for (const instance of checkItems(entry, command, reservation.Instances, `$.Reservations[${r}].Instances`, ['InstanceId'])) {
            instances!.push({ ...instance, ReservationId: reservation.ReservationId, OwnerId: reservation.OwnerId });
          }
        });
      }
      this.resources[INSTANCE] = instances;
    }
    const simple: [string, ResourceType, string[]][] = [
      ['ec2-describe-volumes', 'AWS::EC2::Volume', ['VolumeId']],
      ['ec2-describe-subnets', 'AWS::EC2::Subnet', ['SubnetId']],
      ['ec2-describe-vpcs', 'AWS::EC2::VPC', ['VpcId']],
      ['ec2-describe-security-groups', 'AWS::EC2::SecurityGroup', ['GroupId']],
      ['ec2-describe-addresses', 'AWS::EC2::EIP', []],
      ['ec2-describe-launch-templates', LAUNCH_TEMPLATE, ['LaunchTemplateId']],
    ];
    for (const [name, type, required] of simple) {
      const items = this.listing(name, required);
      if (items) this.resources[type] = items.map(copy);
    }
    const zones = this.listing('ec2-describe-availability-zones');
    if (zones) this.availabilityZones = zones.filter((z) => str(z.ZoneName) && str(z.ZoneId)).map(copy);

    if (instances) this.instanceImages(instances);
    if (instances && this.options.includeUserData) this.instanceUserData(instances);
    const templates = this.resources[LAUNCH_TEMPLATE];
    if (templates && templates.length > 0) this.templateVersions(templates, asg.groups);
    this.instanceTypesInUse(instances ?? [], asg, templates ?? []);
  }

  /**
   * The AMIs of the instances, as `Image` on each (as the scan adds it). The
   * capture only adds detail: without it, instances simply carry no `Image`
   * (a warning, not a gap); a call that failed is a gap that leaves no
   * resource type incomplete, as in a scan. An AMI AWS did not know leaves
   * its instances without `Image`.
   */
  private instanceImages(instances: Json[]): void {
    const ids = new Set(instances.map((i) => str(i.ImageId)).filter((id): id is string => id !== undefined));
    if (ids.size === 0) return;
    const command = COMMANDS.get('ec2-describe-images')!;
    const entries = this.set.entries.get(command.name) ?? [];
    const errors = this.set.errors.get(command.name) ?? [];
    for (const error of errors) {
      if (UNKNOWN_IMAGE.test(error.code)) {
        this.warnings.push(`${error.path}: AWS did not know an AMI asked for in that call (${error.code}: ${error.message}), so it described none of them; ask for the others again without it (scripts/capture-aws-cli.sh does)`);
      } else {
        this.gap(command, error.code, `${command.command}: ${error.code}: ${error.message} (${error.path})`, []);
      }
    }
    if (entries.length === 0 && errors.length === 0) {
      this.warnings.push(`${display(this.options.root, this.set.folder) || this.options.root}: the instances' AMIs were not captured (${command.name}), so applications are not recognized by their AMI name; see docs/import.md`);
      return;
    }
    const byId = new Map<string, Json>();
    for (const entry of entries) {
      if (entry.data[command.field] === undefined) malformed(entry, `$.${command.field}`, 'is missing', command);
      for (const image of itemsOf(entry, command, command.field, ['ImageId'])) if (!byId.has(image.ImageId as string)) byId.set(image.ImageId as string, imageSummary(image));
    }
    for (const instance of instances) {
      const image = byId.get(String(instance.ImageId));
      if (image) instance.Image = { ...image };
    }
  }

  private instanceUserData(instances: Json[]): void {
    const live = instances.filter((i) => {
      const state = isObject(i.State) ? i.State.Name : undefined;
      return state !== 'terminated' && state !== 'shutting-down';
    });
    const { found } = this.perResource('ec2-describe-instance-attribute', live, (i) => [str(i.InstanceId)], (i) => String(i.InstanceId));
    for (const [instance, entry] of found) {
      const value = isObject(entry.data.UserData) ? str(entry.data.UserData.Value) : undefined;
      if (value) instance.UserData = userDataText(value);
    }
  }

  /** The launch template versions the groups use, on each template as `Versions` (as the scan adds them). */
  private templateVersions(templates: Json[], groups: Json[] | undefined): void {
    const command = COMMANDS.get('ec2-describe-launch-template-versions')!;
    if (!groups) {
      this.gap(command, 'DependencyFailed', 'the launch template versions Auto Scaling groups use are unknown because the groups were not captured', [LAUNCH_TEMPLATE]);
      return;
    }
    const used = usedTemplateVersions(groups, templates);
    const usedTemplates = templates.filter((t) => used.has(String(t.LaunchTemplateId)));
    const { found } = this.perResource(command.name, usedTemplates, (t) => [str(t.LaunchTemplateId), str(t.LaunchTemplateName)], (t) => String(t.LaunchTemplateId));
    for (const template of templates) template.Versions = [];
    for (const [template, entry] of found) {
      const versions = itemsOf(entry, command, command.field);
      const byNumber = new Map<number, Json>();
      versions.forEach((v, i) => {
        if (typeof v.VersionNumber !== 'number') malformed(entry, `$.${command.field}[${i}].VersionNumber`, 'must be a number', command);
        byNumber.set(v.VersionNumber, v);
      });
      const wanted = new Set<number>();
      for (const version of used.get(String(template.LaunchTemplateId))!) {
        const number = resolveVersion(version, template, versions);
        if (number !== undefined && byNumber.has(number)) wanted.add(number);
        else this.gap(command, NOT_CAPTURED, `${command.command}: version ${version} of ${String(template.LaunchTemplateId)} is not in ${entry.path}`, [LAUNCH_TEMPLATE]);
      }
      template.Versions = [...wanted].sort((a, b) => a - b).map((n) => {
        const raw = { ...byNumber.get(n)! };
        if (isObject(raw.LaunchTemplateData)) {
          raw.LaunchTemplateData = { ...raw.LaunchTemplateData };
          applyUserDataPolicy(raw.LaunchTemplateData as Json, Boolean(this.options.includeUserData));
        }
        return raw;
      });
    }
  }

  private instanceTypesInUse(instances: Json[], asg: { groups?: Json[]; launchConfigurations?: Json[] }, templates: Json[]): void {
    const types = instanceTypesInUse(instances, asg, templates);
    if (types.length === 0) {
      this.instanceTypes = [];
      return;
    }
    const infos = this.listing('ec2-describe-instance-types', ['InstanceType']);
    if (!infos) return;
    const byName = new Map(infos.map((i) => [String(i.InstanceType), i]));
    const unknown = types.filter((t) => !byName.has(t));
    if (unknown.length > 0) {
      this.warnings.push(`${display(this.options.root, this.set.folder) || this.options.root}: instance types in use but not described in the capture (unknown to AWS, or not captured): ${unknown.join(', ')}`);
    }
    this.instanceTypes = types.filter((t) => byName.has(t)).map((t) => copy(byName.get(t)!));
  }

  private elbv2(): void {
    let loadBalancers = this.listing('elbv2-describe-load-balancers', ['LoadBalancerArn'])?.map(copy);
    let targetGroups = this.listing('elbv2-describe-target-groups', ['TargetGroupArn'])?.map(copy);
    const nameOf = (r: Json, field: string): string => String(r[field] ?? r.LoadBalancerArn ?? r.TargetGroupArn);
    if (loadBalancers) {
      const lbs = loadBalancers;
      const keys = (lb: Json) => [str(lb.LoadBalancerName), str(lb.LoadBalancerArn)];
      const label = (lb: Json) => nameOf(lb, 'LoadBalancerName');
      const attributes = this.perResource('elbv2-describe-load-balancer-attributes', lbs, keys, label);
      const attributesCommand = COMMANDS.get('elbv2-describe-load-balancer-attributes')!;
      for (const [lb, entry] of attributes.found) lb.Attributes = itemsOf(entry, attributesCommand, 'Attributes');
      const listenersOf = this.perResource('elbv2-describe-listeners', lbs, keys, label);
      const listenersCommand = COMMANDS.get('elbv2-describe-listeners')!;
      const listeners = [...listenersOf.found.values()].flatMap((entry) => itemsOf(entry, listenersCommand, 'Listeners', ['ListenerArn']).map(copy));
      const rulesOf = this.perResource('elbv2-describe-rules', listeners, (l) => [String(l.ListenerArn).split('/').pop(), str(l.ListenerArn)], (l) => String(l.ListenerArn));
      const rulesCommand = COMMANDS.get('elbv2-describe-rules')!;
      this.resources[LISTENER] = listeners;
      this.resources[RULE] = [...rulesOf.found.entries()].flatMap(([listener, entry]) => itemsOf(entry, rulesCommand, 'Rules').map((rule) => ({ ...rule, ListenerArn: listener.ListenerArn })));
      loadBalancers = lbs.filter((lb) => !attributes.vanished.has(lb));
    }
    if (targetGroups) {
      const tgs = targetGroups;
      const keys = (tg: Json) => [str(tg.TargetGroupName), str(tg.TargetGroupArn)];
      const label = (tg: Json) => nameOf(tg, 'TargetGroupName');
      const health = this.perResource('elbv2-describe-target-health', tgs, keys, label);
      const healthCommand = COMMANDS.get('elbv2-describe-target-health')!;
      for (const [tg, entry] of health.found) tg.TargetHealthDescriptions = itemsOf(entry, healthCommand, 'TargetHealthDescriptions');
      const attributes = this.perResource('elbv2-describe-target-group-attributes', tgs, keys, label);
      const attributesCommand = COMMANDS.get('elbv2-describe-target-group-attributes')!;
      for (const [tg, entry] of attributes.found) tg.Attributes = itemsOf(entry, attributesCommand, 'Attributes');
      targetGroups = tgs.filter((tg) => !health.vanished.has(tg) && !attributes.vanished.has(tg));
    }
    const tagged = [...(loadBalancers ?? []), ...(targetGroups ?? [])];
    if (tagged.length > 0) {
      const descriptions = this.listing('elbv2-describe-tags', ['ResourceArn']);
      if (descriptions) {
        const byArn = new Map(descriptions.map((d) => [String(d.ResourceArn), d.Tags ?? []]));
        const untagged: string[] = [];
        for (const resource of tagged) {
          const arn = String(resource.LoadBalancerArn ?? resource.TargetGroupArn);
          if (byArn.has(arn)) resource.Tags = byArn.get(arn);
          else untagged.push(arn);
        }
        if (untagged.length > 0) {
          const command = COMMANDS.get('elbv2-describe-tags')!;
          const types = [...new Set(untagged.map((arn) => (arn.includes(':targetgroup/') ? TG : LB)))];
          this.gap(command, NOT_CAPTURED, `${command.command}: no tags captured for ${untagged.length} resource(s), e.g. ${untagged.sort()[0]}`, types);
        }
      }
    }
    if (loadBalancers) this.resources[LB] = loadBalancers;
    if (targetGroups) this.resources[TG] = targetGroups;
  }

  private elb(): void {
    const listed = this.listing('elb-describe-load-balancers', ['LoadBalancerName'])?.map(copy);
    if (!listed) return;
    const keys = (lb: Json) => [str(lb.LoadBalancerName)];
    const label = (lb: Json) => String(lb.LoadBalancerName);
    const health = this.perResource('elb-describe-instance-health', listed, keys, label);
    const healthCommand = COMMANDS.get('elb-describe-instance-health')!;
    for (const [lb, entry] of health.found) lb.InstanceStates = itemsOf(entry, healthCommand, 'InstanceStates');
    const attributes = this.perResource('elb-describe-load-balancer-attributes', listed, keys, label);
    const attributesCommand = COMMANDS.get('elb-describe-load-balancer-attributes')!;
    for (const [lb, entry] of attributes.found) {
      const value = entry.data.LoadBalancerAttributes;
      if (!isObject(value)) malformed(entry, '$.LoadBalancerAttributes', 'must be an object', attributesCommand);
      lb.Attributes = value;
    }
    if (listed.length > 0) {
      const descriptions = this.listing('elb-describe-tags', ['LoadBalancerName']);
      if (descriptions) {
        const byName = new Map(descriptions.map((d) => [String(d.LoadBalancerName), d.Tags ?? []]));
        const untagged = listed.filter((lb) => !byName.has(String(lb.LoadBalancerName)));
        for (const lb of listed) if (byName.has(String(lb.LoadBalancerName))) lb.Tags = byName.get(String(lb.LoadBalancerName));
        if (untagged.length > 0) {
          const command = COMMANDS.get('elb-describe-tags')!;
          this.gap(command, NOT_CAPTURED, `${command.command}: no tags captured for ${untagged.length} load balancer(s), e.g. ${untagged.map(label).sort()[0]}`);
        }
      }
    }
    this.resources[CLB] = listed.filter((lb) => !health.vanished.has(lb) && !attributes.vanished.has(lb));
  }
}

/** `$Latest`, `$Default` or a number, resolved against the template and its captured versions. */
function resolveVersion(version: string, template: Json, versions: readonly Json[]): number | undefined {
  if (version === '$Latest') {
    if (typeof template.LatestVersionNumber === 'number') return template.LatestVersionNumber;
    const numbers = versions.map((v) => v.VersionNumber).filter((n): n is number => typeof n === 'number');
    return numbers.length ? Math.max(...numbers) : undefined;
  }
  if (version === '$Default') {
    const marked = versions.find((v) => v.DefaultVersion === true);
    if (typeof marked?.VersionNumber === 'number') return marked.VersionNumber;
    return typeof template.DefaultVersionNumber === 'number' ? template.DefaultVersionNumber : undefined;
  }
  return /^\d+$/.test(version) ? Number(version) : undefined;
}



/** Removes `UserData` (the default), or replaces it by its decoded, redacted text. */
function applyUserDataPolicy(holder: Json, includeUserData: boolean): void {
  if (!('UserData' in holder)) return;
  const value = holder.UserData;
  if (!includeUserData || typeof value !== 'string' || value === '') {
    delete holder.UserData;
    return;
  }
  holder.UserData = userDataText(value);
}

/** One coverage record per service, from the gaps, shaped as the scan shapes them. */
function coverageOf(accountId: string, region: string, service: Service, gaps: readonly Gap[]): CoverageRecord {
  const mine = gaps.filter((g) => g.service === service);
  if (mine.length === 0) return { accountId, region, service, status: 'ok' };
  const types = RESOURCE_TYPES.filter((t) => SERVICE_OF[t] === service);
  const sorted = [...mine].sort((a, b) => a.message.localeCompare(b.message));
  const messages = [...new Set(sorted.map((g) => g.message))];
  const shown = messages.length > 5 ? [...messages.slice(0, 5), `… ${messages.length - 5} more`] : messages;
  const missing = new Set(sorted.flatMap((g) => g.missing).filter((t) => types.includes(t)));
  const record: CoverageRecord = { accountId, region, service, status: 'error', errorCode: sorted[0]!.code, error: shown.join('; ') };
  // As in a scan: `missing` lists what a partial gap left out, and is omitted when the whole service is missing.
  if (missing.size < types.length) record.missing = types.filter((t) => missing.has(t));
  return record;
}

/** Builds the snapshot from the captures of one or more accounts and regions. */
export function importAwsCli(files: ReadonlyMap<string, unknown>, options: ImportOptions): ImportResult {
  const warnings: string[] = [];
  const sets = locate(groupFiles(files, options, warnings), options);
  if (sets.length === 0) {
    throw new InputError(`${options.root}: no AWS CLI captures found`, {
      code: 'E_INPUT_CAPTURE',
      location: { file: options.root },
      hint: 'Produce the folder with scripts/capture-aws-cli.sh, or with the commands in docs/import.md (file names such as ec2-describe-instances.json).',
    });
  }
  const coverage: CoverageRecord[] = [];
  const resources: Partial<Record<ResourceType, AwsResource[]>> = {};
  const instanceTypes = new Map<string, InstanceTypeInfo>();
  const availabilityZones: AvailabilityZoneInfo[] = [];
  for (const set of sets) {
    const importer = new SetImporter(set, options, warnings);
    importer.run();
    const { accountId, region } = set;
    for (const service of SERVICES) coverage.push(coverageOf(accountId, region, service, importer.gaps));
    for (const type of RESOURCE_TYPES) {
      const list = importer.resources[type];
      if (!list) continue;
      const into = (resources[type] ??= []);
      const seen = new Set<string>();
      for (const raw of list) {
        const resource: AwsResource = { ...raw, accountId, region };
        // A resource in two pages of a capture is kept once.
        const id = resourceId(type, resource);
        if (id !== '' && seen.has(id)) continue;
        seen.add(id);
        into.push(resource);
      }
    }
    for (const info of importer.instanceTypes ?? []) {
      const name = String(info.InstanceType);
      // Instance types are described per region, whatever the account.
      if (!instanceTypes.has(`${region}|${name}`)) instanceTypes.set(`${region}|${name}`, { ...info, region, InstanceType: name });
    }
    for (const zone of importer.availabilityZones ?? []) {
      availabilityZones.push({ ...zone, accountId, region, ZoneName: String(zone.ZoneName), ZoneId: String(zone.ZoneId) });
    }
  }
  const snapshot = normalizeSnapshot({
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: 'kubelift', version: options.toolVersion },
    generatedAt: options.now.toISOString(),
    source: {
      kind: 'import',
      accounts: sets.map((s) => s.accountId),
      regions: sets.map((s) => s.region),
      includesUserData: Boolean(options.includeUserData),
    },
    coverage,
    resources,
    instanceTypes: [...instanceTypes.values()],
    availabilityZones,
  });
  return { snapshot, warnings: [...new Set(warnings)].sort() };
}
