// Child process: measures `kubelift assess` on one snapshot against the
// baseline, in one process. Prints one JSON line.
// Usage: node --expose-gc assess-child.mjs SNAPSHOT OUT
//
// baseline  JSON.parse of the file's text + JSON.stringify of the result: the
//           least any tool that reads the snapshot must spend on it;
// assess    the whole command as a user runs it, `kubelift assess SNAPSHOT
//           --out OUT.json`: read and validate the snapshot, resolve, evaluate
//           every built-in rule, plan every workload for the report, render
//           and write the JSON report. It goes through the CLI's own entry
//           point (cli/run.js), so nothing the command does is left out.
// The baseline runs first and its memory is released before assess starts;
// peak RSS is measured by the parent in a separate process that runs only the
// command (see run.mjs).
import { readFileSync, rmSync, statSync } from 'node:fs';
import { run } from '../dist/cli/run.js';

const [file, out] = process.argv.slice(2);
const gc = globalThis.gc ?? (() => undefined);
const ms = (start) => performance.now() - start;
// CPU time (all threads of the process) beside wall time: on a busy machine wall
// time partly measures the neighbours, CPU time what the work costs.
const cpu = () => process.cpuUsage();
const cpuMs = (start) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const m = { bytes: statSync(file).size };

function baseline() {
  let text = readFileSync(file, 'utf8');
  const cpuStart = cpu();
  let start = performance.now();
  let parsed = JSON.parse(text);
  m.parseMs = ms(start);
  text = undefined;
  start = performance.now();
  m.serializedLength = JSON.stringify(parsed).length;
  m.stringifyMs = ms(start);
  m.baselineCpuMs = cpuMs(cpuStart);
  parsed = undefined;
}

async function assess() {
  rmSync(out, { force: true });
  const stderr = [];
  const io = {
    stdout: process.stdout,
    stderr: { write: (text) => stderr.push(String(text)) },
    stdin: process.stdin,
    env: process.env,
  };
  const cpuStart = cpu();
  const start = performance.now();
  const code = await run(['assess', file, '--out', out, '--format', 'json', '--log-format', 'json'], io);
  m.assessMs = ms(start);
  m.assessCpuMs = cpuMs(cpuStart);
  if (code !== 0) throw new Error(`kubelift assess exited ${code}: ${stderr.join('').slice(0, 2000)}`);
  // The command's own summary event: workloads and findings.
  const summary = stderr.join('').split('\n').filter(Boolean).map((line) => { try { return JSON.parse(line); } catch { return {}; } }).find((e) => typeof e.text === 'string' && / workload\(s\), /.test(e.text));
  const numbers = summary?.text.match(/^(\d+) workload\(s\), (\d+) single point\(s\) of failure, (\d+) finding\(s\)/);
  if (numbers) Object.assign(m, { workloads: Number(numbers[1]), spofs: Number(numbers[2]), findings: Number(numbers[3]) });
  m.reportBytes = statSync(out).size;
  rmSync(out, { force: true });
}

baseline();
gc();
await assess();
process.stdout.write(`${JSON.stringify(m)}\n`);
