import { describe, expect, it } from 'vitest';
import { parseJsonBytes } from '../../src/snapshot/parse-json-bytes.js';

/** What JSON.parse gives for the same bytes, or undefined where it throws. */
function reference(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Same values and the same key order (JSON.stringify shows both), or both undefined. */
function expectSameAsJsonParse(bytes: Buffer, label = bytes.toString('utf8').slice(0, 80)): void {
  const expected = reference(bytes);
  const actual = parseJsonBytes(bytes);
  if (expected === undefined) expect(actual, label).toBeUndefined();
  else expect(JSON.stringify(actual), label).toBe(JSON.stringify(expected));
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
  it('gives what JSON.parse gives, compact or indented', () => {
    for (const text of [JSON.stringify(snapshotLike), JSON.stringify(snapshotLike, null, 2), JSON.stringify(snapshotLike, null, '\t').replaceAll('\n', '\r\n')]) {
      expectSameAsJsonParse(Buffer.from(text));
    }
  });

  it('reads any JSON value, not only objects', () => {
    for (const text of ['0', ' -12.5e3 ', '"text ’"', 'true', 'null', '[]', '{}', ' [ ] ', '[[[[[1]]]]]', '{"a":{"b":{"c":{"d":{}}}}}', '[1,"two",{"3":[4]}]']) {
      expectSameAsJsonParse(Buffer.from(text), text);
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
    expectSameAsJsonParse(invalid, 'invalid UTF-8');
    expectSameAsJsonParse(Buffer.from('{"é":{"ü":["😀"]}}'), 'non-ASCII keys');
  });

  it('gives undefined for whatever JSON.parse rejects: every truncation and many corruptions', () => {
    const text = JSON.stringify(snapshotLike);
    for (let end = 0; end < text.length; end++) expectSameAsJsonParse(Buffer.from(text.slice(0, end)), `first ${end} characters`);
    // Deterministic single-character corruptions, everywhere in the text.
    const replacements = ['', ' ', ',', ':', '"', '\\', '{', '}', '[', ']', '1', 'x', '\u0001', '\n'];
    let seed = 7;
    for (let at = 0; at < text.length; at++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const replacement = replacements[seed % replacements.length]!;
      expectSameAsJsonParse(Buffer.from(text.slice(0, at) + replacement + text.slice(at + 1)), `character ${at} as ${JSON.stringify(replacement)}`);
    }
    for (const text of ['', '   ', '\ufeff{}', '{"a":1,}', '[1,]', '{"a" 1}', "{'a':1}", '{"a":1}}', '[1 2]', '1 2', 'tru', 'nul', '"\\x"', '"a\nb"', '{"a":[}]', '{"a":01}']) {
      expectSameAsJsonParse(Buffer.from(text), JSON.stringify(text));
    }
  });
});
