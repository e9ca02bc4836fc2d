/**
 * Regions: the default one (flags, environment, profile), partitions, and
 * the list a scan walks with --all-regions.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** True for names shaped like AWS regions (us-east-1, eu-central-2, us-gov-west-1, cn-north-1). */
export function isRegionName(value: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value);
}

/** The partition a region belongs to. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

/** The partition of an ARN (`arn:aws-cn:…` → aws-cn). */
export function partitionOfArn(arn: string): string {
  return /^arn:([^:]+):/.exec(arn)?.[1] ?? 'aws';
}

/** Reads `region` from a profile of the shared config file; undefined when absent or unreadable. */
export function regionOfProfile(profile: string, configFile: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch {
    return undefined;
  }
  // The config file names profiles `[profile NAME]`, except `[default]`.
  const wanted = new Set(profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`]);
  let inProfile = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[#;].*$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (section) {
      inProfile = wanted.has(section[1]!.replace(/\s+/g, ' '));
      continue;
    }
    if (!inProfile) continue;
    const pair = /^([A-Za-z0-9_]+)\s*=\s*(.*)$/.exec(line);
    if (pair && pair[1]!.toLowerCase() === 'region' && pair[2]) return pair[2].trim();
  }
  return undefined;
}

/**
 * The default region: AWS_REGION, AWS_DEFAULT_REGION, then the profile's
 * `region`. Undefined when none is set: kubelift never guesses one.
 */
export function resolveDefaultRegion(options: { profile?: string; env: NodeJS.ProcessEnv }): string | undefined {
  const { env } = options;
  const fromEnv = env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim();
  if (fromEnv) return fromEnv;
  const profile = options.profile?.trim() || env.AWS_PROFILE?.trim() || 'default';
  const home = env.HOME?.trim() || env.USERPROFILE?.trim() || homedir();
  const configFile = env.AWS_CONFIG_FILE?.trim() || join(home, '.aws', 'config');
  return regionOfProfile(profile, configFile);
}

/** One region as DescribeRegions returns it. */
export interface RegionInfo {
  RegionName?: string;
  OptInStatus?: string;
}

/**
 * The regions a scan of the whole account walks: enabled ones only (opted in,
 * or needing no opt-in), in the caller's partition, sorted.
 */
export function enabledRegions(regions: readonly RegionInfo[], partition: string): string[] {
  const names = regions
    .filter((r) => r.OptInStatus === undefined || r.OptInStatus === 'opt-in-not-required' || r.OptInStatus === 'opted-in')
    .map((r) => r.RegionName)
    .filter((name): name is string => typeof name === 'string' && name !== '' && partitionOfRegion(name) === partition);
  return [...new Set(names)].sort();
}
