/**
 * Builds the bundled demo estate, fixtures/demo/snapshot.json: starts a
 * private moto server, seeds the demo estate (test-support/estates/demo.ts)
 * with moto's random generator seeded so that ids come out the same on every
 * run, scans it with kubelift's own scan, and writes the snapshot with its
 * times fixed, so that the same code always gives the same bytes.
 *
 *   npm run demo:build            (writes fixtures/demo/snapshot.json)
 *   node .cache/build/scripts/build-demo.js [--out FILE] [--check]
 *
 * `--check` writes nothing and exits 1 when the committed file differs.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { scan } from '../src/collect/run.js';
import { silentReporter } from '../src/events/index.js';
import { writeFileAtomic } from '../src/snapshot/atomic-write.js';
import { normalizeSnapshot } from '../src/snapshot/normalize.js';
import { serializeSnapshot } from '../src/snapshot/read-write.js';
import type { Snapshot } from '../src/snapshot/types.js';
import { DEMO_REGION, seedDemoEstate } from '../test-support/estates/demo.js';
import { startMoto } from '../test-support/moto.js';

/** The seed for moto's random generator: every id in the demo follows from it. */
export const DEMO_SEED = 2026;
/** When the demo snapshot says it was taken. */
export const DEMO_GENERATED_AT = '2026-01-15T09:00:00.000Z';
/** Every time inside the demo (launch, creation, attachment times), which moto takes from the clock. */
export const DEMO_RESOURCE_TIME = '2026-01-05T08:00:00.000Z';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Replaces every timestamp with one fixed time: the emulator stamps resources with the wall clock. */
function fixTimes(value: unknown): unknown {
  if (typeof value === 'string') return ISO_TIME.test(value) ? DEMO_RESOURCE_TIME : value;
  if (Array.isArray(value)) return value.map(fixTimes);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fixTimes(v)]));
  return value;
}

/**
 * The emulator ends a default rule's ARN with a memory address, different on
 * every run; AWS ends it with a 16-digit hex id, here derived from the listener.
 */
function fixDefaultRuleIds(rules: Snapshot['resources']['AWS::ElasticLoadBalancingV2::ListenerRule']): void {
  for (const rule of rules ?? []) {
    if (rule.IsDefault !== true || typeof rule.RuleArn !== 'string' || !/\/\d+$/.test(rule.RuleArn)) continue;
    const id = createHash('sha256').update(String(rule.ListenerArn)).digest('hex').slice(0, 16);
    rule.RuleArn = rule.RuleArn.replace(/\/\d+$/, `/${id}`);
  }
}

async function post(endpoint: string, path: string): Promise<void> {
  const response = await fetch(`${endpoint}${path}`, { method: 'POST' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
}

/**
 * Seeds and scans the demo estate on a moto server this process owns (it is
 * reset first: never point this at a shared server).
 */
export async function buildDemoSnapshot(endpoint: string, toolVersion: string): Promise<Snapshot> {
  await post(endpoint, '/moto-api/reset');
  // Right after a reset and before any other call, so that every id moto draws follows from the seed.
  await post(endpoint, `/moto-api/seed?a=${DEMO_SEED}`);
  await seedDemoEstate({ endpoint });
  const { snapshot } = await scan({
    regions: [DEMO_REGION],
    endpointUrl: endpoint,
    reporter: silentReporter,
    toolVersion,
    now: new Date(DEMO_GENERATED_AT),
    // moto takes any keys; nothing of the machine's own AWS configuration is read.
    env: { AWS_ACCESS_KEY_ID: 'demo', AWS_SECRET_ACCESS_KEY: 'demo', AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
  });
  fixDefaultRuleIds(snapshot.resources['AWS::ElasticLoadBalancingV2::ListenerRule']);
  return normalizeSnapshot({
    ...snapshot,
    resources: fixTimes(snapshot.resources) as Snapshot['resources'],
    instanceTypes: fixTimes(snapshot.instanceTypes) as Snapshot['instanceTypes'],
    availabilityZones: fixTimes(snapshot.availabilityZones) as Snapshot['availabilityZones'],
  });
}

/** Starts a private moto, builds the demo snapshot, stops moto; resolves to the serialized snapshot. */
export async function renderDemoSnapshot(toolVersion: string): Promise<string> {
  // A fixed hash seed makes the emulator list set-backed collections (target health, …) in the same order every run.
  const moto = await startMoto({ env: { PYTHONHASHSEED: '0' } });
  try {
    return serializeSnapshot(await buildDemoSnapshot(moto.endpoint, toolVersion));
  } finally {
    await moto.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const outIndex = argv.indexOf('--out');
  const out = resolve(outIndex >= 0 && argv[outIndex + 1] ? argv[outIndex + 1]! : 'fixtures/demo/snapshot.json');
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  const text = await renderDemoSnapshot(version);
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(out, 'utf8');
    } catch {
      // A missing file differs.
    }
    if (current === text) {
      process.stderr.write(`${out} is up to date\n`);
      return 0;
    }
    process.stderr.write(`${out} differs from what the demo estate builds; run npm run demo:build\n`);
    return 1;
  }
  await writeFileAtomic(out, text, { force: true });
  const snapshot = JSON.parse(text) as Snapshot;
  const count = Object.values(snapshot.resources).reduce((n, list) => n + (list?.length ?? 0), 0);
  process.stderr.write(`wrote ${out} (${count} resources)\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`build-demo: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
