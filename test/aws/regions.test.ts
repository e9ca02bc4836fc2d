import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enabledRegions, isRegionName, partitionOfArn, partitionOfRegion, regionOfProfile, resolveDefaultRegion } from '../../src/aws/regions.js';

const dir = mkdtempSync(join(tmpdir(), 'kubelift-regions-'));
const config = join(dir, 'config');
writeFileSync(config, ['[default]', 'region = eu-west-1', '', '[profile prod]', '# comment', 'output = json', 'region=ap-southeast-2 ; trailing', '', '[sso-session corp]', 'region = us-west-2'].join('\n'));

describe('regions', () => {
  it('recognises region names', () => {
    for (const ok of ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-5']) expect(isRegionName(ok)).toBe(true);
    for (const bad of ['us-east', 'US-EAST-1', 'useast1', '', 'us-east-1a']) expect(isRegionName(bad)).toBe(false);
  });

  it('knows the partition of regions and ARNs', () => {
    expect(partitionOfRegion('cn-northwest-1')).toBe('aws-cn');
    expect(partitionOfRegion('us-gov-east-1')).toBe('aws-us-gov');
    expect(partitionOfRegion('eu-west-3')).toBe('aws');
    expect(partitionOfArn('arn:aws-cn:iam::123456789012:user/x')).toBe('aws-cn');
    expect(partitionOfArn('arn:aws:sts::123456789012:assumed-role/r/s')).toBe('aws');
  });

  it('reads the region of a profile from the config file', () => {
    expect(regionOfProfile('default', config)).toBe('eu-west-1');
    expect(regionOfProfile('prod', config)).toBe('ap-southeast-2');
    expect(regionOfProfile('corp', config)).toBeUndefined();
    expect(regionOfProfile('prod', join(dir, 'missing'))).toBeUndefined();
  });

  it('resolves the default region from the environment first, then the profile, and never guesses', () => {
    expect(resolveDefaultRegion({ env: { AWS_REGION: 'us-west-1', AWS_CONFIG_FILE: config } })).toBe('us-west-1');
    expect(resolveDefaultRegion({ env: { AWS_DEFAULT_REGION: 'us-west-2', AWS_CONFIG_FILE: config } })).toBe('us-west-2');
    expect(resolveDefaultRegion({ env: { AWS_CONFIG_FILE: config } })).toBe('eu-west-1');
    expect(resolveDefaultRegion({ profile: 'prod', env: { AWS_CONFIG_FILE: config } })).toBe('ap-southeast-2');
    expect(resolveDefaultRegion({ env: { AWS_PROFILE: 'prod', AWS_CONFIG_FILE: config } })).toBe('ap-southeast-2');
    expect(resolveDefaultRegion({ env: { HOME: dir } })).toBeUndefined();
  });

  it('keeps enabled regions of the caller’s partition only', () => {
    const listed = [
      { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
      { RegionName: 'ap-east-1', OptInStatus: 'opted-in' },
      { RegionName: 'cn-north-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'us-gov-west-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1' },
      { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
    ];
    expect(enabledRegions(listed, 'aws')).toEqual(['ap-east-1', 'eu-west-1', 'us-east-1']);
    expect(enabledRegions(listed, 'aws-cn')).toEqual(['cn-north-1']);
  });
});
