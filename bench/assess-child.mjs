// Child process: measures one snapshot, alone in its process so its peak RSS is
// its own. Prints one JSON line. Usage: node --expose-gc assess-child.mjs FILE
//
// baseline  JSON.parse of the file's text + JSON.stringify of the result, the
//           cheapest thing any tool can do with the snapshot;
// assess    resolve + evaluate every built-in rule + build and render the JSON
//           report, as `kubelift assess` does after reading the file (the
//           snapshot and the model are released before the report is rendered);
// validate  schema validation of the parsed snapshot (the rest of reading it).
import { readFileSync, statSync } from 'node:fs';
import { buildReport, renderReportJson } from '../dist/export/report-json.js';
import { resolve } from '../dist/model/resolve.js';
import { paths } from '../dist/paths.js';
import { assessModel } from '../dist/rules/assess.js';
import { loadRules } from '../dist/rules/load.js';
import { checkSnapshot } from '../dist/snapshot/read-write.js';

const file = process.argv[2];
const gc = globalThis.gc ?? (() => undefined);
const ms = (start) => performance.now() - start;
// CPU time (all threads of the process) beside wall time: on a busy machine wall time
// mostly measures the neighbours, CPU time what the work costs.
const cpu = () => process.cpuUsage();
const cpuMs = (start) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const m = { bytes: statSync(file).size };

async function baseline() {
  const text = readFileSync(file, 'utf8');
  const cpuStart = cpu();
  let start = performance.now();
  const parsed = JSON.parse(text);
  m.parseMs = ms(start);
  start = performance.now();
  m.serializedLength = JSON.stringify(parsed).length;
  m.stringifyMs = ms(start);
  m.baselineCpuMs = cpuMs(cpuStart);
  return parsed;
}

async function assess(parsed, rules) {
  let start = performance.now();
  const snapshot = await checkSnapshot(parsed, file);
  m.validateMs = ms(start);
  gc();
  m.rssBeforeAssessBytes = process.memoryUsage().rss;
  m.heapBeforeAssessBytes = process.memoryUsage().heapUsed;
  m.assessCpuStart = cpu();
  start = performance.now();
  let phase = cpu();
  const model = resolve(snapshot);
  m.resolveMs = ms(start);
  m.resolveCpuMs = cpuMs(phase);
  m.heapAfterResolveBytes = process.memoryUsage().heapUsed;
  start = performance.now();
  phase = cpu();
  const assessment = { ...assessModel(model, rules), rules };
  m.evaluateMs = ms(start);
  m.evaluateCpuMs = cpuMs(phase);
  m.heapAfterEvaluateBytes = process.memoryUsage().heapUsed;
  start = performance.now();
  const report = buildReport(assessment, { toolVersion: 'bench', generatedAt: snapshot.generatedAt });
  m.buildReportMs = ms(start);
  Object.assign(m, { instances: snapshot.resources['AWS::EC2::Instance']?.length ?? 0, workloads: model.workloads.length, rules: rules.length, results: assessment.results.length, findings: assessment.findings.length });
  return report;
}

const rules = await loadRules([paths.rules]);
let parsed = await baseline();
gc();
m.peakAfterBaselineBytes = process.resourceUsage().maxRSS * 1024;
const report = await assess(parsed, rules);
parsed = undefined;
const start = performance.now();
m.reportBytes = Buffer.byteLength(renderReportJson(report));
m.reportMs = m.buildReportMs + ms(start);
m.assessCpuMs = cpuMs(m.assessCpuStart);
m.reportCpuMs = m.assessCpuMs - m.resolveCpuMs - m.evaluateCpuMs;
delete m.assessCpuStart;
m.maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify(m)}\n`);
