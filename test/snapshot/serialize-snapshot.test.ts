import { describe, expect, it } from 'vitest';
import { normalizeSnapshot } from '../../src/snapshot/normalize.js';
import { parseJsonBytes } from '../../src/snapshot/parse-json-bytes.js';
import { COMPACT_ABOVE_RESOURCES, serializeSnapshot } from '../../src/snapshot/read-write.js';
import type { AwsResource, Snapshot } from '../../src/snapshot/types.js';

const ACCOUNT = '123456789012';

function instance(i: number): AwsResource {
  return {
    accountId: ACCOUNT,
    region: i % 2 ? 'us-east-1' : 'eu-west-1',
    InstanceId: `i-${String(i).padStart(17, '0')}`,
    LaunchTime: '2026-01-01T01:00:00+01:00',
    Tags: [{ Key: 'Name', Value: `web “${i}” é 😀\n},\t"\\` }],
    BlockDeviceMappings: i % 3 ? [] : [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: `vol-${i}` } }],
  };
}

function estate(instances: number, order: (list: AwsResource[]) => AwsResource[] = (list) => list): Snapshot {
  return {
    schemaVersion: 1,
    tool: { name: 'kubelift', version: '0.1.0' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    source: { kind: 'scan', accounts: [ACCOUNT], regions: ['us-east-1', 'eu-west-1'], includesUserData: false },
    coverage: [{ accountId: ACCOUNT, region: 'us-east-1', service: 'ec2', status: 'ok' }],
    resources: {
      'AWS::EC2::Instance': order(Array.from({ length: instances }, (_, i) => instance(i))),
      'AWS::EC2::Volume': [],
      'AWS::EC2::SecurityGroup': [{ accountId: ACCOUNT, region: 'us-east-1', GroupId: 'sg-1', GroupName: 'web' }],
    },
    instanceTypes: [{ region: 'us-east-1', InstanceType: 'm5.large', VCpuInfo: { DefaultVCpus: 2 }, MemoryInfo: { SizeInMiB: 8192 } }],
    availabilityZones: [{ accountId: ACCOUNT, region: 'us-east-1', ZoneName: 'us-east-1a', ZoneId: 'use1-az6' }],
  } as unknown as Snapshot;
}

const large = estate(COMPACT_ABOVE_RESOURCES);

describe('serializeSnapshot', () => {
  it('writes small estates as 2-space JSON, as before', () => {
    const small = estate(3);
    expect(serializeSnapshot(small)).toBe(`${JSON.stringify(normalizeSnapshot(small), null, 2)}\n`);
  });

  it('writes large estates as the compact JSON of the same snapshot, one resource per line', () => {
    const text = serializeSnapshot(large);
    expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(normalizeSnapshot(large)));
    const lines = text.split('\n');
    const resources = normalizeSnapshot(large).resources;
    for (const [type, list] of Object.entries(resources)) {
      if (list.length === 0) {
        expect(lines).toContain(`${JSON.stringify(type)}:[],`);
        continue;
      }
      const first = lines.indexOf(`${JSON.stringify(type)}:[`);
      expect(first, type).toBeGreaterThan(0);
      const own = lines.slice(first + 1, first + 1 + list.length);
      expect(own.map((line, i) => (i < list.length - 1 ? line.slice(0, -1) : line))).toEqual(list.map((resource) => JSON.stringify(resource)));
      expect(lines[first + 1 + list.length], type).toMatch(/^\],?$/);
    }
    expect(lines.length).toBeLessThan(COMPACT_ABOVE_RESOURCES + 30);
    // Only line breaks are added to the compact text.
    expect(text.length).toBe(JSON.stringify(normalizeSnapshot(large)).length + lines.length - 1);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('writes the same text whatever order the estate comes in', () => {
    const reversed = estate(COMPACT_ABOVE_RESOURCES, (list) => [...list].reverse());
    expect(serializeSnapshot(reversed)).toBe(serializeSnapshot(large));
  });

  it('writes a large estate that reads back to the same snapshot', () => {
    const text = serializeSnapshot(large);
    expect(parseJsonBytes(Buffer.from(text))).toEqual(JSON.parse(text));
    expect(serializeSnapshot(parseJsonBytes(Buffer.from(text)) as Snapshot)).toBe(text);
  });
});
