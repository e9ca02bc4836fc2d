import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { COMPACT_ABOVE_RESOURCES, readJsonFile, readSnapshot, serializeSnapshot, writeSnapshot } from '../../src/snapshot/read-write.js';
import type { Snapshot } from '../../src/snapshot/types.js';

const dir = mkdtempSync(join(tmpdir(), 'kubelift-snapshot-'));

function minimal(): Snapshot {
  return {
    schemaVersion: 1,
    tool: { name: 'kubelift', version: '0.1.0' },
    generatedAt: '2026-01-01T00:00:00.000Z',
    source: { kind: 'scan', accounts: ['123456789012'], regions: ['us-east-1'], includesUserData: false },
    coverage: [{ accountId: '123456789012', region: 'us-east-1', service: 'ec2', status: 'ok' }],
    resources: {
      'AWS::EC2::Instance': [
        { accountId: '123456789012', region: 'us-east-1', InstanceId: 'i-0000000000000000b', LaunchTime: new Date('2026-01-01T00:00:00Z') as unknown as string },
        { accountId: '123456789012', region: 'us-east-1', InstanceId: 'i-0000000000000000a', LaunchTime: '2026-01-01T01:00:00+01:00' },
      ],
    },
    instanceTypes: [],
    availabilityZones: [],
  };
}

async function expectInputError(path: string, pattern: RegExp): Promise<void> {
  const error = await readSnapshot(path).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).exitCode).toBe(2);
  expect((error as InputError).message).toMatch(pattern);
}

describe('snapshot read/write', () => {
  it('writes sorted, canonical JSON and reads it back', async () => {
    const path = join(dir, 'a.json');
    await writeSnapshot(path, minimal());
    const back = await readSnapshot(path);
    const ids = back.resources['AWS::EC2::Instance']!.map((r) => r.InstanceId);
    expect(ids).toEqual(['i-0000000000000000a', 'i-0000000000000000b']);
    expect(back.resources['AWS::EC2::Instance']![0]!.LaunchTime).toBe('2026-01-01T00:00:00.000Z');
    expect(readFileSync(path, 'utf8')).toBe(serializeSnapshot(minimal()));
  });

  it('writes .json.gz gzipped and reads it back transparently', async () => {
    const path = join(dir, 'a.json.gz');
    await writeSnapshot(path, minimal());
    expect(readFileSync(path)[0]).toBe(0x1f);
    expect((await readSnapshot(path)).resources['AWS::EC2::Instance']).toHaveLength(2);
  });

  it('refuses to overwrite without force, and overwrites with it', async () => {
    const path = join(dir, 'keep.json');
    writeFileSync(path, 'precious');
    await expect(writeSnapshot(path, minimal())).rejects.toThrow(/already exists/);
    expect(readFileSync(path, 'utf8')).toBe('precious');
    await writeSnapshot(path, minimal(), { force: true });
    expect(readFileSync(path, 'utf8')).toContain('"schemaVersion": 1');
  });

  it('reads any JSON file, plain or gzipped, as JSON.parse reads its text', async () => {
    const text = JSON.stringify({ b: [{ name: 'café – “quoted” 𝄞', list: [1, { deep: [true, null] }] }], a: {}, b2: [] }, null, 2);
    for (const [name, data] of [['plain.json', text], ['zipped.json.gz', gzipSync(text)]] as const) {
      const path = join(dir, name);
      writeFileSync(path, data);
      expect(JSON.stringify(await readJsonFile(path)), name).toBe(JSON.stringify(JSON.parse(text)));
    }
  });

  it('names the file, line and column of a JSON syntax error', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{\n  "schemaVersion": 1,\n  "tool": }\n');
    await expectInputError(path, /bad\.json:3:11: invalid JSON: unexpected "}"$/);
    const gz = join(dir, 'bad.json.gz');
    writeFileSync(gz, gzipSync('{\n  "resources": {\n    "AWS::EC2::Instance": [{"InstanceId": "i-1",}]\n  }\n}\n'));
    await expectInputError(gz, /bad\.json\.gz:3:49: invalid JSON: unexpected "}"$/);
  });

  it('says a truncated file is truncated', async () => {
    const path = join(dir, 'cut.json');
    writeFileSync(path, serializeSnapshot(minimal()).slice(0, 200));
    await expectInputError(path, /cut\.json:\d+:\d+: invalid JSON/);
  });

  it('rejects another schemaVersion, a non-snapshot, a bad field, a missing file and corrupt gzip', async () => {
    const other = join(dir, 'v2.json');
    writeFileSync(other, JSON.stringify({ ...minimal(), schemaVersion: 2 }));
    await expectInputError(other, /schemaVersion 2 is not supported/);
    const notSnapshot = join(dir, 'list.json');
    writeFileSync(notSnapshot, '[1,2,3]');
    await expectInputError(notSnapshot, /not a kubelift snapshot/);
    const badField = join(dir, 'field.json');
    writeFileSync(badField, JSON.stringify({ ...minimal(), source: { ...minimal().source, kind: 'guess' } }));
    await expectInputError(badField, /\$\.source\.kind must be one of "scan", "import"/);
    await expectInputError(join(dir, 'missing.json'), /no such file/);
    const gz = join(dir, 'corrupt.json.gz');
    writeFileSync(gz, gzipSync('{"a":1}').subarray(0, 12));
    await expectInputError(gz, /gzip data is corrupt/);
  });

  it('writes large estates without indentation so they stay within what Node can read back', async () => {
    const large = minimal();
    large.resources['AWS::EC2::Instance'] = Array.from({ length: COMPACT_ABOVE_RESOURCES + 1 }, (_, i) => ({ accountId: '123456789012', region: 'us-east-1', InstanceId: `i-${String(i).padStart(17, '0')}` }));
    const text = serializeSnapshot(large);
    // Compact, one resource per line: a line per resource and a few more, not an indented line per field.
    expect(text.split('\n').length).toBeGreaterThan(COMPACT_ABOVE_RESOURCES);
    expect(text.split('\n').length).toBeLessThan(COMPACT_ABOVE_RESOURCES + 20);
    const path = join(dir, 'large.json');
    await writeSnapshot(path, large);
    // Written piece by piece, the file holds exactly the serialized text.
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect((await readSnapshot(path)).resources['AWS::EC2::Instance']).toHaveLength(COMPACT_ABOVE_RESOURCES + 1);
    expect(serializeSnapshot(minimal()).split('\n').length).toBeGreaterThan(10);
  });
});
