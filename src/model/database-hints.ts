/**
 * Signs that an instance runs a database or another stateful server, read from
 * what the snapshot holds: names and tags, and the ports its security groups
 * open. Heuristics by nature, so each match is reported as evidence a person
 * can check.
 */
import type { AwsResource } from '../snapshot/types.js';
import { num, objects } from './aws-shapes.js';
import { sortStrings } from './sort.js';

/** Well-known ports of stateful servers. Caches that lose nothing on restart (memcached) are left out. */
export const STATEFUL_PORTS: Readonly<Record<number, string>> = {
  1433: 'SQL Server',
  1521: 'Oracle Database',
  2181: 'ZooKeeper',
  2379: 'etcd',
  3306: 'MySQL/MariaDB',
  5432: 'PostgreSQL',
  5672: 'RabbitMQ',
  5984: 'CouchDB',
  6379: 'Redis',
  7687: 'Neo4j',
  8086: 'InfluxDB',
  9042: 'Cassandra',
  9092: 'Kafka',
  9200: 'Elasticsearch/OpenSearch',
  26257: 'CockroachDB',
  27017: 'MongoDB',
};

/** Words in names and tags that name a stateful server (matched as whole words). */
export const STATEFUL_WORDS: readonly string[] = [
  'cassandra', 'clickhouse', 'cockroach', 'cockroachdb', 'couchdb', 'database', 'db', 'elasticsearch', 'etcd', 'influxdb',
  'kafka', 'mariadb', 'mongo', 'mongodb', 'mssql', 'mysql', 'neo4j', 'opensearch', 'oracle', 'pg', 'postgres', 'postgresql',
  'rabbitmq', 'redis', 'sqlserver', 'zookeeper',
];

// The first whole word (a run of a-z0-9) that is one of the words: one search, no word list to build.
const WORD = new RegExp(`(?<![a-z0-9])(?:${STATEFUL_WORDS.join('|')})(?![a-z0-9])`);
// A port range wider than this is "everything open", not a sign of a particular server.
const MAX_RANGE = 10;

// Any of the words in any case, boundaries aside: finds every text WORD finds once lower-cased,
// without the lower-cased copy most texts (no word at all) never need. A–Z and the Kelvin sign
// lower-case to the letters and fold to them; İ lower-cases to i and a dot, and no word ends in i.
const ANY_WORD = new RegExp(`(?:${STATEFUL_WORDS.join('|')})`, 'iu');

const firstWord = (text: string): string | undefined => (ANY_WORD.test(text) ? WORD.exec(text.toLowerCase())?.[0] : undefined);

const NO_GROUPS: readonly AwsResource[] = Object.freeze([]);

/** Evidence that an instance runs a stateful server, sorted; empty when there is none. */
export function databaseEvidence(tags: Record<string, string>, securityGroups: readonly AwsResource[] = NO_GROUPS): string[] {
  // Most instances show no sign: the set is made on the first one.
  let evidence: Set<string> | undefined;
  // for-in rather than Object.keys: no key list per instance, and the same order.
  for (const key in tags) {
    if (key.startsWith('aws:')) continue;
    const value = tags[key]!;
    // A word never spans the space of `key value`: the key's first word, else the value's, is the text's first.
    // Each is searched alone, as lower-casing an already lower-case string makes no copy.
    const hit = firstWord(key) ?? firstWord(value);
    if (hit) (evidence ??= new Set()).add(`tag ${key}=${value} mentions ${hit}`);
  }
  for (let g = 0; g < securityGroups.length; g++) {
    const group = securityGroups[g]!;
    const permissions = objects(group.IpPermissions);
    for (let p = 0; p < permissions.length; p++) {
      const permission = permissions[p]!;
      const from = num(permission.FromPort);
      const to = num(permission.ToPort);
      if (from === undefined || to === undefined || from < 0 || to - from > MAX_RANGE) continue;
      for (let port = from; port <= to; port++) {
        const server = STATEFUL_PORTS[port];
        if (server) (evidence ??= new Set()).add(`security group ${String(group.GroupId)} opens port ${port} (${server})`);
      }
    }
  }
  return evidence === undefined ? [] : sortStrings([...evidence]);
}
