// The wizard's speed on a large estate: a synthetic snapshot with about
// 10,000 workloads goes through the real pipeline (resolve, rules, mapping),
// then the wizard runs on a fake 100×30 terminal, drawn as `kubelift plan`
// draws it (Ink, 30 frames a second at most, whole frames).
//
//   first frame     render() called → the overview is on the terminal
//   key → frame     a key written to stdin → the next frame written, on the
//                   workload list (j, the filter, paging); median and p95
//   open workload   Enter on the list → the detail screen (plans one workload)
//
// Targets: first frame ≤ 300 ms, key → frame median ≤ 50 ms.
// Run alone with `node bench/wizard.bench.mjs` (after `npm run build`);
// `npm run bench` runs it after the assess benchmark. WIZARD_WORKLOADS sets the size.
import { EventEmitter } from 'node:events';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateSnapshot } from './generate.mjs';
import { prepareWizardData } from '../dist/ui/data.js';
import { createDerive } from '../dist/ui/derive.js';
import { createWizardServices } from '../dist/ui/services.js';
import { loadAppCatalog } from '../dist/plan/app-catalog-file.js';
import { readChartDefaults } from '../dist/export/write-export.js';
import { paths } from '../dist/paths.js';
import { resolve } from '../dist/model/resolve.js';
import { assessSnapshot } from '../dist/rules/assess.js';
import { loadRules } from '../dist/rules/load.js';
import { checkSnapshot } from '../dist/snapshot/read-write.js';

export const name = 'wizard (kubelift plan) on ~10,000 workloads';

const WORKLOADS = Number(process.env.WIZARD_WORKLOADS ?? 10_000);

/** Instances generate.mjs needs for that many workloads, measured on a sample (its mix of groups and standalone instances decides). */
function instancesFor(workloads) {
  const sample = 2000;
  const perInstance = resolve(generateSnapshot(sample)).workloads.length / sample;
  return Math.ceil(workloads / perInstance / 100) * 100;
}

class Terminal extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  writes = [];
  write(chunk) {
    this.writes.push({ at: performance.now(), text: String(chunk) });
    this.emit('written');
    return true;
  }
}

class Keyboard extends EventEmitter {
  isTTY = true;
  queue = [];
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => this.queue.shift() ?? null;
  press(data) {
    this.queue.push(data);
    this.emit('readable');
  }
}

// Terminal control sequences (cursor, colours): a write of only these draws no frame.
const CSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[ -/]*[@-~]`, 'g');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

/** Waits for the first write after `from` that draws text (not only cursor codes); resolves to its time. */
function nextFrame(terminal, from, includes) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no frame${includes ? ` with "${includes}"` : ''} within 60 s`)), 60_000);
    const check = () => {
      for (let i = from; i < terminal.writes.length; i++) {
        const w = terminal.writes[i];
        if (w.text.replace(CSI, '').trim() === '') continue;
        if (includes && !w.text.includes(includes)) continue;
        clearTimeout(timer);
        terminal.off('written', check);
        resolve(w.at);
        return;
      }
    };
    terminal.on('written', check);
    check();
  });
}

/** A fixed amount of plain JavaScript work, to compare machines and loads. */
function referenceLoop() {
  const start = performance.now();
  let x = 0;
  for (let i = 0; i < 20_000_000; i++) x = (x + i) % 1_000_003;
  if (x < 0) throw new Error('unreachable');
  return performance.now() - start;
}

/** Presses a key and measures the time to the frame it causes. */
async function timeKey(terminal, keyboard, key, includes) {
  await sleep(60); // past Ink's 30 fps throttle, so the frame is not held back by the previous one
  const from = terminal.writes.length;
  const start = performance.now();
  keyboard.press(key);
  return (await nextFrame(terminal, from, includes)) - start;
}

export async function run(context = { print: (line) => process.stdout.write(`${line}\n`) }) {
  const { print } = context;
  // As `kubelift plan` runs it: React's production build, loaded only now.
  process.env.NODE_ENV ??= 'production';
  const { createElement } = await import('react');
  const { render } = await import('ink');
  const { Wizard } = await import('../dist/ui/app.js');
  const INSTANCES = instancesFor(WORKLOADS);
  let start = performance.now();
  const snapshot = await checkSnapshot(generateSnapshot(INSTANCES), 'synthetic');
  const rules = await loadRules([paths.rules]);
  const apps = await loadAppCatalog();
  const chartDefaults = await readChartDefaults(paths.chart);
  const assessment = assessSnapshot(snapshot, rules);
  const pipelineMs = performance.now() - start;
  const workloads = assessment.model.workloads.length;

  start = performance.now();
  const data = prepareWizardData({ model: assessment.model, findings: assessment.findings, spofWorkloads: assessment.spofWorkloads, label: 'synthetic estate', exportDir: 'out' });
  const services = createWizardServices({ model: assessment.model, apps, chartDefaults });
  const derive = createDerive(data, services);
  // As `kubelift plan` does before it draws: the first plan builds the mapping's index of the estate.
  services.planFor(assessment.model.workloads[0], [], undefined, undefined);
  const prepareMs = performance.now() - start;

  const terminal = new Terminal();
  const keyboard = new Keyboard();
  start = performance.now();
  const instance = render(createElement(Wizard, { data, services, io: { existing: async () => [], write: async () => [] }, color: false, derive }), {
    stdout: terminal,
    stdin: keyboard,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const firstFrameMs = (await nextFrame(terminal, 0, 'Overview')) - start;

  // To the list, then the keys people press most there.
  const openList = await timeKey(terminal, keyboard, '\r', 'Workloads');
  const keys = [];
  for (let i = 0; i < 40; i++) keys.push(await timeKey(terminal, keyboard, 'j'));
  for (let i = 0; i < 5; i++) keys.push(await timeKey(terminal, keyboard, '\u001B[6~'));
  keys.push(await timeKey(terminal, keyboard, 'G'));
  keys.push(await timeKey(terminal, keyboard, 'g'));
  keys.push(await timeKey(terminal, keyboard, '/'));
  for (const char of 'svc-1') keys.push(await timeKey(terminal, keyboard, char));
  keys.push(await timeKey(terminal, keyboard, '\u001B'));
  for (let i = 0; i < 10; i++) keys.push(await timeKey(terminal, keyboard, 'n'));
  const openWorkload = await timeKey(terminal, keyboard, '\r', 'AWS today');
  const screenText = ([...terminal.writes].reverse().find((w) => w.text.includes('AWS today'))?.text ?? '').replace(CSI, '');
  const opened = /(?:^|\n)([a-z0-9-]+)(?: \([^)]*\))? · (?:Auto Scaling group|instance group|standalone instance)/.exec(screenText)?.[1];
  const openedWorkload = opened ? data.workload(opened) : undefined;
  instance.unmount();
  // What background planning does in all: every workload mapped and scored once.
  start = performance.now();
  const fresh = createDerive(data, services);
  for (const w of data.workloads) fresh.insight(w.id, undefined);
  const planAllMs = performance.now() - start;

  print(`  synthetic estate: ${INSTANCES.toLocaleString('en')} instances, ${workloads.toLocaleString('en')} workloads; node ${process.version}, React ${process.env.NODE_ENV} build`);
  // Timings scale with how busy the machine is; these two numbers say how busy it was.
  print(`  machine: load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; a fixed 20M-step loop took ${fmt(referenceLoop())}`);
  print(`  pipeline (validate, resolve, rules) ${fmt(pipelineMs)} · wizard data and mapping index ${fmt(prepareMs)} (both before the first frame is asked for)`);
  print(`  background planning of all ${workloads.toLocaleString('en')} workloads (class, app, readiness): ${fmt(planAllMs)} of CPU, in 8 ms slices between frames`);
  print(`  key → frame: ${keys.length} keys on the list (j, PgDn, G, g, / filter typing, esc, n), p95 ${fmt(p95(keys))}; open the list ${fmt(openList)}`);
  return [
    { metric: 'first frame (overview)', value: fmt(firstFrameMs), target: '≤ 300 ms', ok: firstFrameMs <= 300 },
    { metric: 'key → frame, median (workload list)', value: fmt(median(keys)), target: '≤ 50 ms', ok: median(keys) <= 50 },
    { metric: 'key → frame, p95 (workload list)', value: fmt(p95(keys)) },
    { metric: `open a workload (plans it)${openedWorkload ? `: ${opened}, ${openedWorkload.instances.length} instances, ${data.findingsOf(opened).length} findings` : ''}`, value: fmt(openWorkload) },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await run();
  for (const r of rows) process.stdout.write(`  ${String(r.metric).padEnd(40)} ${String(r.value).padEnd(12)} ${r.target ? `target ${r.target}` : ''}${r.ok === undefined ? '' : r.ok ? ' (met)' : ' (MISSED)'}\n`);
}
