import { describe, expect, it } from 'vitest';
import { STATEFUL_WORDS, databaseEvidence } from '../../src/model/database-hints.js';

describe('databaseEvidence', () => {
  it('finds words in tags whatever their case, as whole words of the lower-cased text', () => {
    expect(databaseEvidence({ Name: 'ORDERS-DB', team: 'payments', 'aws:cloudformation:stack-name': 'db' }, [])).toEqual(['tag Name=ORDERS-DB mentions db']);
    expect(databaseEvidence({ Role: 'Redis' }, [])).toEqual(['tag Role=Redis mentions redis']);
    // The Kelvin sign lower-cases to k; a long s stays itself and is no letter of a word.
    expect(databaseEvidence({ role: '\u212Aafka' }, [])).toEqual(['tag role=\u212Aafka mentions kafka']);
    expect(databaseEvidence({ role: '\u017Fdb' }, [])).toEqual(['tag role=\u017Fdb mentions db']);
    expect(databaseEvidence({ dbname: 'x', app: 'mysqlish', owner: 'adb' }, [])).toEqual([]);
  });

  it('searches the key before the value', () => {
    expect(databaseEvidence({ redis: 'postgres' }, [])).toEqual(['tag redis=postgres mentions redis']);
  });

  it('has no word ending in i, which İ lower-cases to before a dot', () => {
    expect(STATEFUL_WORDS.filter((w) => w.endsWith('i'))).toEqual([]);
  });
});
