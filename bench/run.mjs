// `npm run bench`: how `kubelift assess` scales. For each size it writes a
// synthetic snapshot, measures it in a fresh child process, and prints
//   assess    resolve + evaluate all built-in rules + JSON report
//   baseline  JSON.parse + JSON.stringify of the same snapshot, same process
//   ratio     assess / baseline                       (target at 100k: ≤ 2)
//   RSS       peak resident memory / snapshot size     (target at 100k: ≤ 4×)
//
// Sizes: BENCH_SIZES=1000,10000 (default 1000,10000,100000).
// More benchmarks: every bench/*.bench.mjs exporting `name` and
// `run(context)` runs after this one; `context` gives `sizes`, `tmpDir`,
// `snapshotFor(n)` (the path of the synthetic snapshot of n instances, written
// once), `generateSnapshot(n)` (the object) and `print(line)`. Return an array of
// `{ metric, value, target?, ok? }` rows to have them printed as a table.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSnapshot } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const tmpDir = mkdtempSync(join(tmpdir(), 'kubelift-bench-'));
const print = (line = '') => process.stdout.write(`${line}\n`);
// The snapshots are large: remove them however the run ends (a closed pipe, Ctrl-C).
const cleanUp = () => rmSync(tmpDir, { recursive: true, force: true });
process.stdout.on('error', () => undefined);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    cleanUp();
    process.exit(code);
  });
}

const snapshots = new Map();
/** The synthetic snapshot of `count` instances, written once per run. */
function snapshotFor(count) {
  if (!snapshots.has(count)) {
    const file = join(tmpDir, `snapshot-${count}.json`);
    execFileSync(process.execPath, ['--max-old-space-size=8192', join(here, 'write-snapshot.mjs'), String(count), file], { stdio: 'inherit' });
    snapshots.set(count, file);
  }
  return snapshots.get(count);
}

function measure(count) {
  const file = snapshotFor(count);
  try {
    const out = execFileSync(process.execPath, ['--expose-gc', join(here, 'assess-child.mjs'), file], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.trim().split('\n').pop());
  } catch (error) {
    const stderr = String(error.stderr ?? '').trim().split('\n').slice(0, 12).join('\n');
    throw new Error(`measuring ${count} instances failed:\n${stderr}`);
  }
}

const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;
const s = (msec) => `${(msec / 1000).toFixed(2)} s`;
const pad = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');

try {
  if (!existsSync(join(here, '..', 'dist', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  print(`kubelift assess benchmark · node ${process.version} · ${sizes.join(', ')} instances`);
  print();
  const head = ['instances', 'snapshot', 'resolve', 'evaluate', 'report', 'assess', 'parse+stringify', 'ratio', 'cpu ratio', 'peak RSS', 'RSS/size', 'validate', 'workloads', 'findings'];
  const widths = [9, 8, 8, 8, 8, 8, 15, 5, 9, 8, 8, 8, 9, 8];
  print(pad(head, widths));
  const rows = [];
  for (const count of sizes) {
    const m = measure(count);
    const assess = m.resolveMs + m.evaluateMs + m.reportMs;
    const baseline = m.parseMs + m.stringifyMs;
    const row = { count, ...m, assess, baseline, ratio: assess / baseline, cpuRatio: m.assessCpuMs / m.baselineCpuMs, rssRatio: m.maxRssBytes / m.bytes };
    rows.push(row);
    print(pad([count, mb(m.bytes), s(m.resolveMs), s(m.evaluateMs), s(m.reportMs), s(assess), s(baseline), row.ratio.toFixed(2), row.cpuRatio.toFixed(2), mb(m.maxRssBytes), `${row.rssRatio.toFixed(2)}×`, s(m.validateMs), m.workloads, m.findings], widths));
  }
  const largest = rows.at(-1);
  if (largest) {
    print();
    print(`targets at ${largest.count} instances: ratio ${largest.ratio.toFixed(2)} (≤ 2: ${largest.ratio <= 2 ? 'met' : 'MISSED'}; CPU time ${largest.cpuRatio.toFixed(2)}), peak RSS ${largest.rssRatio.toFixed(2)}× the snapshot (≤ 4: ${largest.rssRatio <= 4 ? 'met' : 'MISSED'})`);
    const share = (x) => `${Math.round((100 * x) / largest.assessCpuMs)}%`;
    print(`CPU time at ${largest.count}: baseline ${s(largest.baselineCpuMs)}; assess ${s(largest.assessCpuMs)} = resolve ${share(largest.resolveCpuMs)} + evaluate ${share(largest.evaluateCpuMs)} + report ${share(largest.reportCpuMs)}`);
    print(`peak RSS by phase at ${largest.count}: parse+stringify ${mb(largest.peakAfterBaselineBytes)}; heap ${mb(largest.heapBeforeAssessBytes)} with the snapshot, ${mb(largest.heapAfterResolveBytes)} after resolve, ${mb(largest.heapAfterEvaluateBytes)} after evaluate; report ${mb(largest.reportBytes)}`);
  }

  const extra = readdirSync(here).filter((f) => f.endsWith('.bench.mjs')).sort();
  for (const name of extra) {
    const module = await import(pathToFileURL(join(here, name)).href);
    print();
    print(`${module.name ?? name}`);
    const result = await module.run({ sizes, tmpDir, snapshotFor, generateSnapshot, print });
    if (Array.isArray(result) && result.length) {
      for (const r of result) print(`  ${String(r.metric).padEnd(40)} ${String(r.value).padEnd(12)} ${r.target ? `target ${r.target}` : ''}${r.ok === undefined ? '' : r.ok ? ' (met)' : ' (MISSED)'}`);
    }
  }
} catch (error) {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  cleanUp();
}
