import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

/** The layout kubelift writes large snapshots in: compact, one resource per line (see serializeSnapshot). */
function onePerLine(snapshot: Record<string, unknown>, lineEnd = '\n'): string {
  const lines = Object.entries(snapshot).map(([key, value]) => {
    if (key !== 'resources') return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    const types = Object.entries(value as Record<string, unknown[]>).map(([type, list]) =>
      list.length === 0 ? `${JSON.stringify(type)}:[]` : `${JSON.stringify(type)}:[${lineEnd}${list.map((r) => JSON.stringify(r)).join(`,${lineEnd}`)}${lineEnd}]`,
    );
    return `"resources":{${lineEnd}${types.join(`,${lineEnd}`)}${lineEnd}}`;
  });
  return `{${lineEnd}${lines.join(`,${lineEnd}`)}${lineEnd}}${lineEnd}`;
}

const lineSnapshot = {
  ...snapshotLike,
  source: { kind: 'scan', accounts: ['123456789012'], regions: [] },
  resources: {
    ...snapshotLike.resources,
    'AWS::EC2::Subnet': [
      { SubnetId: 'subnet-1', Text: 'a\nb\r\nc},\n', Quote: '"},', Slash: '\\' },
      { b: 1, a: 2, b2: { '}': '{' }, __proto__: null, 'é😀': 'ü' },
      {},
      { Last: [{ Deep: { Deeper: {} } }] },
    ],
  },
};

/** Every call of JSON.parse during `run`, and how many of them threw. */
function jsonParseCalls(run: () => void): { texts: string[]; threw: number } {
  const spy = vi.spyOn(JSON, 'parse');
  try {
    run();
    return { texts: spy.mock.calls.map((call) => String(call[0])), threw: spy.mock.results.filter((result) => result.type === 'throw').length };
  } finally {
    spy.mockRestore();
  }
}

describe('parseJsonBytes on text with one resource per line', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives what JSON.parse gives, with LF or CRLF line ends, whatever the block size', () => {
    for (const lineEnd of ['\n', '\r\n', ' \t\r\n']) {
      const text = onePerLine(lineSnapshot, lineEnd);
      expectSameAsJsonParse(Buffer.from(text), `one per line, ${JSON.stringify(lineEnd)}`, [1, 2, 3, 5, 8, 13, 64, 257, 4096]);
      // A resource's line is taken as it is: no attempt fails.
      expect(jsonParseCalls(() => parseJsonBytes(Buffer.from(text))).threw, JSON.stringify(lineEnd)).toBe(0);
    }
  });

  it('keeps repeated keys, __proto__ and integer keys of a resource on its line as JSON.parse does', () => {
    const text = '{"resources":{"t":[\n{"b":1,"a":2,"b":3,"__proto__":{"polluted":true},"10":"x","2":"y"},\n{"__proto__":[]}\n]}}\n';
    expectSameAsJsonParse(Buffer.from(text), 'object semantics', [1, 7]);
    const first = (parseJsonBytes(Buffer.from(text)) as { resources: { t: Array<Record<string, unknown>> } }).resources.t[0]!;
    expect(Object.keys(first)).toEqual(['2', '10', 'b', 'a', '__proto__']);
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('finds the end of a resource whose first line ends in "}," only by scanning it, CRLF or not', () => {
    for (const lineEnd of ['\n', '\r\n']) {
      const partial = '{"a":{"b":1}';
      const text = `{"resources":{"t":[${lineEnd}${partial},${lineEnd}"c":[2,${lineEnd}3]},${lineEnd}{"d":4}${lineEnd}]}}`;
      expectSameAsJsonParse(Buffer.from(text), `spans lines, ${JSON.stringify(lineEnd)}`, [1, 2, 5, 4096]);
      const calls = jsonParseCalls(() => parseJsonBytes(Buffer.from(text)));
      // The line end was tried, failed, and the value was scanned for its end.
      expect(calls.texts).toContain(partial);
      expect(calls.texts).toContain(`${partial},${lineEnd}"c":[2,${lineEnd}3]}`);
      expect(calls.threw).toBe(1);
    }
  });

  it('reads resources that span lines and lines that hold several values', () => {
    for (const text of [
      '{"r":{"t":[\n{"a":1,\n"b":{"c":2}}\n,{"x":[\n]}\n]}}',
      '{"r":{"t":[{"a":1},{"b":2},\n{"c":3},{"d":4}\n]}}',
      '{"r":{"t":[{"a":1},\n{"b":2}]}}\n',
      '{"r":{"t":[{"a":"}"}  ,  \n{"b":"},"},\n{"c":"\\n},"}\n]}}',
      '{"r":{"t":[\n{"a":1}\n,\n{"b":2}\n]},"s":{"u":{"v":{"w":1}}}\n}',
    ]) {
      expectSameAsJsonParse(Buffer.from(text), JSON.stringify(text), [1, 3, 4096]);
    }
  });

  it('tries no line end on a compact one-line file or an indented one', () => {
    for (const text of [
      JSON.stringify(lineSnapshot),
      `${JSON.stringify(lineSnapshot)}\n`,
      `${JSON.stringify(lineSnapshot)}\r\n`,
      JSON.stringify(lineSnapshot, null, 2),
      JSON.stringify(lineSnapshot, null, 2).replaceAll('\n', '\r\n'),
    ]) {
      expectSameAsJsonParse(Buffer.from(text), text.slice(0, 20), [1, 64]);
      expect(jsonParseCalls(() => parseJsonBytes(Buffer.from(text))).threw, text.slice(0, 20)).toBe(0);
    }
  });

  it('stops trying line ends after a few that were not the end of their value', () => {
    const resource = '{"a":{"b":1},\n"c":2}';
    const text = `{"resources":{"t":[\n${Array.from({ length: 200 }, () => resource).join(',\n')}\n]}}\n`;
    expectSameAsJsonParse(Buffer.from(text), 'every line end misleads', [64, 4096]);
    expect(jsonParseCalls(() => parseJsonBytes(Buffer.from(text))).threw).toBeLessThanOrEqual(4);
  });

  it('gives undefined for whatever JSON.parse rejects: every truncation and many corruptions', () => {
    const text = onePerLine({ resources: { t: [{ a: 'x\ny', b: [1, { c: '},' }] }, { d: null }, {}], u: [] }, tail: true });
    for (let end = 0; end < text.length; end++) expectSameAsJsonParse(Buffer.from(text.slice(0, end)), `first ${end} characters`, end % 3 === 0 ? [2] : []);
    const replacements = ['', ' ', ',', ':', '"', '\\', '{', '}', '[', ']', '1', 'x', '\n', '\r', '},', '}\n'];
    for (let at = 0; at < text.length; at++) {
      for (const replacement of replacements) {
        expectSameAsJsonParse(Buffer.from(text.slice(0, at) + replacement + text.slice(at + 1)), `character ${at} as ${JSON.stringify(replacement)}`, at % 7 === 0 ? [3] : []);
      }
    }
  });
});
