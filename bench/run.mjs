// `npm run bench`: how `kubelift assess` scales. For each size it writes a
// synthetic snapshot and prints
//   assess    wall time of the whole command, `kubelift assess SNAPSHOT --out
//             report.json` (read, validate, resolve, evaluate every built-in
//             rule, plan every workload, write the JSON report)
//   baseline  JSON.parse + JSON.stringify of the same snapshot, same process
//   ratio     assess / baseline                       (target at 100k: ≤ 2)
//   RSS       peak resident memory of the command, run alone in its own
//             process, / snapshot size on disk        (target at 100k: ≤ 4×)
//
// Sizes: BENCH_SIZES=1000,10000 (default 1000,10000,100000). Each size is
// measured BENCH_RUNS times (default 3), each time in a fresh process (baseline,
// then assess); the row shows the run with the median ratio, and every run's
// ratio is printed below the table: one run on a shared machine says little.
// More benchmarks: every bench/*.bench.mjs exporting `name` and
// `run(context)` runs after this one; `context` gives `sizes`, `tmpDir`,
// `snapshotFor(n)` (the path of the synthetic snapshot of n instances, written
// once), `generateSnapshot(n)` (the object) and `print(line)`. Return an array of
// `{ metric, value, target?, ok? }` rows to have them printed as a table.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateSnapshot } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const runs = Math.max(1, Number.parseInt(process.env.BENCH_RUNS ?? '3', 10) || 3);
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

function child(args, env = process.env) {
  try {
    return execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'pipe'], env });
  } catch (error) {
    const stderr = String(error.stderr ?? '').trim().split('\n').slice(0, 12).join('\n');
    throw new Error(`${args.join(' ')} failed:\n${stderr}`);
  }
}

/** Wall and CPU time of the command and of the baseline, in one process. */
function measure(count) {
  const file = snapshotFor(count);
  const out = child(['--expose-gc', join(here, 'assess-child.mjs'), file, join(tmpDir, `report-${count}.json`)]);
  return JSON.parse(out.trim().split('\n').pop());
}

const ratioOf = (m) => m.assessMs / (m.parseMs + m.stringifyMs);

/** `runs` measurements of one size: every one, and the one whose ratio is the median. */
function measureRuns(count) {
  const all = Array.from({ length: runs }, () => measure(count));
  const sorted = [...all].sort((a, b) => ratioOf(a) - ratioOf(b));
  return { all, median: sorted[(sorted.length - 1) >> 1] };
}

/** Peak RSS of `kubelift assess` run as a user runs it, alone in its process. */
function peakRss(count) {
  const file = snapshotFor(count);
  const rssFile = join(tmpDir, `rss-${count}.json`);
  const report = join(tmpDir, `report-rss-${count}.json`);
  const start = performance.now();
  child(['--import', pathToFileURL(join(here, 'rss-child.mjs')).href, join(here, '..', 'dist', 'main.js'), 'assess', file, '--out', report, '--format', 'json', '--quiet'], { ...process.env, KUBELIFT_BENCH_RSS_FILE: rssFile });
  const wallMs = performance.now() - start;
  rmSync(report, { force: true });
  return { ...JSON.parse(readFileSync(rssFile, 'utf8')), processMs: wallMs };
}

const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;
const s = (msec) => `${(msec / 1000).toFixed(2)} s`;
const pad = (cells, widths) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');

try {
  if (!existsSync(join(here, '..', 'dist', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  print(`kubelift assess benchmark · node ${process.version} · ${sizes.join(', ')} instances · ${runs} run(s) each · load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  print();
  const head = ['instances', 'snapshot', 'assess', 'parse+stringify', 'ratio', 'cpu ratio', 'peak RSS', 'RSS/size', 'process', 'workloads', 'findings', 'report'];
  const widths = [9, 8, 8, 15, 5, 9, 8, 8, 8, 9, 8, 8];
  print(pad(head, widths));
  const rows = [];
  const allRuns = [];
  for (const count of sizes) {
    const { all, median } = measureRuns(count);
    allRuns.push({ count, all });
    const m = { ...median, ...peakRss(count) };
    const baseline = m.parseMs + m.stringifyMs;
    const row = { count, ...m, baseline, ratio: m.assessMs / baseline, cpuRatio: m.assessCpuMs / m.baselineCpuMs, rssRatio: m.maxRssBytes / m.bytes };
    rows.push(row);
    print(pad([count, mb(m.bytes), s(m.assessMs), s(baseline), row.ratio.toFixed(2), row.cpuRatio.toFixed(2), mb(m.maxRssBytes), `${row.rssRatio.toFixed(2)}×`, s(m.processMs), m.workloads ?? '?', m.findings ?? '?', mb(m.reportBytes)], widths));
  }
  print();
  for (const { count, all } of allRuns) {
    print(`${count}: ${all.length} run(s), ratio ${all.map((m) => ratioOf(m).toFixed(2)).join(', ')}; cpu ratio ${all.map((m) => (m.assessCpuMs / m.baselineCpuMs).toFixed(2)).join(', ')}`);
  }
  print();
  print('assess: the whole `kubelift assess SNAPSHOT --out report.json` in-process after the baseline; process: the same command');
  print('in a fresh node process (start-up included), whose peak resident memory is the peak RSS column.');
  const largest = rows.at(-1);
  if (largest) {
    print();
    print(`targets at ${largest.count} instances: ratio ${largest.ratio.toFixed(2)}, the median of ${runs} run(s) (≤ 2: ${largest.ratio <= 2 ? 'met' : 'MISSED'}; CPU time ${largest.cpuRatio.toFixed(2)}), peak RSS ${largest.rssRatio.toFixed(2)}× the snapshot (≤ 4: ${largest.rssRatio <= 4 ? 'met' : 'MISSED'})`);
    print(`baseline at ${largest.count}: parse ${s(largest.parseMs)} + stringify ${s(largest.stringifyMs)}; assess CPU ${s(largest.assessCpuMs)} vs baseline CPU ${s(largest.baselineCpuMs)}`);
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
