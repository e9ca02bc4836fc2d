import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseJsonBytes, parseJsonFile } from '../../src/snapshot/parse-json-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'kubelift-json-bytes-'));
let files = 0;

/** Parses the bytes from a file read in blocks of `blockSize` bytes. */
function viaFile(bytes: Buffer, blockSize: number): unknown {
  const path = join(dir, `${files++}.json`);
  writeFileSync(path, bytes);
  return parseJsonFile(path, blockSize);
}

/** What JSON.parse gives for the same bytes, or undefined where it throws. */
function reference(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Same values and the same key order (JSON.stringify shows both), or both
 * undefined: from memory, and from a file read in blocks of each given size.
 */
function expectSameAsJsonParse(bytes: Buffer, label = bytes.toString('utf8').slice(0, 80), blockSizes: number[] = []): void {
  const expected = reference(bytes);
  const copy = Buffer.from(bytes);
  for (const [how, actual] of [['memory', parseJsonBytes(bytes)], ...blockSizes.map((size) => [`blocks of ${size}`, viaFile(bytes, size)] as const)] as const) {
    if (expected === undefined) expect(actual, `${label} (${how})`).toBeUndefined();
    else expect(JSON.stringify(actual), `${label} (${how})`).toBe(JSON.stringify(expected));
  }
  expect(bytes.equals(copy), 'the bytes are left as they were').toBe(true);
}

const snapshotLike = {
  schemaVersion: 1,
  tool: { name: 'kubelift', version: '0.1.0' },
  source: { kind: 'scan', accounts: ['123456789012'], regions: [], nested: { deeper: { deepest: [1, [2, [3]]] } } },
  resources: {
    'AWS::EC2::Instance': [
      { InstanceId: 'i-1', Tags: [{ Key: 'Name', Value: 'web – “east” ’ 𝄞 \u00e9\n\t"\\' }], Count: -1.5e-3, On: true, Off: false, None: null },
      { InstanceId: 'i-2', Empty: {}, List: [], Text: '}]{[,:' },
    ],
    'AWS::EC2::Volume': [],
  },
  coverage: [{ accountId: '123456789012', status: 'ok' }],
  empty: {},
  numbers: [0, -0, 1e308, Number.MAX_SAFE_INTEGER, 3.14],
};

describe('parseJsonBytes', () => {
  it('gives what JSON.parse gives, compact or indented, whatever the block size', () => {
    for (const text of [JSON.stringify(snapshotLike), JSON.stringify(snapshotLike, null, 2), JSON.stringify(snapshotLike, null, '\t').replaceAll('\n', '\r\n')]) {
      expectSameAsJsonParse(Buffer.from(text), text.slice(0, 20), [1, 2, 3, 5, 8, 13, 64, 4096]);
    }
  });

  it('ends a string at the first quote that an even run of backslashes (or none) precedes, wherever the blocks break', () => {
    const values = ['\\', '\\\\', '"', '\\"', '\\\\"', 'a\\"b\\\\', '"'.repeat(7), '\\'.repeat(9) + '"', 'x'.repeat(100) + '"\\' + 'y'.repeat(50)];
    const text = JSON.stringify({ resources: { list: values.map((v) => ({ [v]: v, after: [v, { v }] })) }, tail: values });
    expectSameAsJsonParse(Buffer.from(text), 'backslashes and quotes', [1, 2, 3, 4, 5, 7, 16, 33, 64]);
  });

  it('reads any JSON value, not only objects', () => {
    for (const text of ['0', ' -12.5e3 ', '"text ’"', 'true', 'null', '[]', '{}', ' [ ] ', '[[[[[1]]]]]', '{"a":{"b":{"c":{"d":{}}}}}', '[1,"two",{"3":[4]}]']) {
      expectSameAsJsonParse(Buffer.from(text), text, [1, 3]);
    }
  });

  it('keeps JSON.parse’s object semantics: last value of a repeated key in its first place, __proto__ as an own key, integer keys first', () => {
    const bytes = Buffer.from('{"b":1,"a":2,"b":3,"__proto__":{"polluted":true},"10":"x","2":"y","list":[{"__proto__":[]}]}');
    expectSameAsJsonParse(bytes);
    const parsed = parseJsonBytes(bytes) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['2', '10', 'b', 'a', '__proto__', 'list']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('decodes UTF-8 as Buffer#toString does, invalid sequences included', () => {
    const invalid = Buffer.concat([Buffer.from('{"a":["'), Buffer.from([0xe2, 0x82]), Buffer.from('","'), Buffer.from([0xff, 0xc3]), Buffer.from('"],"'), Buffer.from([0x80]), Buffer.from('":1}')]);
    expectSameAsJsonParse(invalid, 'invalid UTF-8', [1, 2, 3, 7]);
    expectSameAsJsonParse(Buffer.from('{"é":{"ü":["😀"]}, "a":["ascii", "only"]}'), 'non-ASCII keys', [1, 2, 3, 7]);
  });

  it('gives undefined for whatever JSON.parse rejects: every truncation and many corruptions', () => {
    const text = JSON.stringify(snapshotLike);
    for (let end = 0; end < text.length; end++) expectSameAsJsonParse(Buffer.from(text.slice(0, end)), `first ${end} characters`, end % 5 === 0 ? [3] : []);
    // Deterministic single-character corruptions, everywhere in the text.
    const replacements = ['', ' ', ',', ':', '"', '\\', '{', '}', '[', ']', '1', 'x', '\u0001', '\n'];
    let seed = 7;
    for (let at = 0; at < text.length; at++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const replacement = replacements[seed % replacements.length]!;
      expectSameAsJsonParse(Buffer.from(text.slice(0, at) + replacement + text.slice(at + 1)), `character ${at} as ${JSON.stringify(replacement)}`, at % 5 === 0 ? [3] : []);
    }
    for (const text of ['', '   ', '\ufeff{}', '{"a":1,}', '[1,]', '{"a" 1}', "{'a':1}", '{"a":1}}', '[1 2]', '1 2', 'tru', 'nul', '"\\x"', '"a\nb"', '{"a":[}]', '{"a":01}']) {
      expectSameAsJsonParse(Buffer.from(text), JSON.stringify(text), [1, 4]);
    }
  });

  it('gives undefined for a file that is missing, a folder or gzipped', () => {
    expect(parseJsonFile(join(dir, 'missing.json'))).toBeUndefined();
    expect(parseJsonFile(dir)).toBeUndefined();
    expect(viaFile(gzipSync('{"a":1}'), 1024)).toBeUndefined();
    expect(viaFile(Buffer.from('{"a":1}'), 1024)).toEqual({ a: 1 });
  });
});
