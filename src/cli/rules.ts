import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { packageRoot, paths } from '../paths.js';
import { loadRules } from '../rules/load.js';
import { compareRulesForReference, renderRulesReference } from '../rules/reference-markdown.js';
import type { Rule } from '../rules/types.js';
import type { CliContext } from './context.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** A rule file as people should see it: built-in rules relative to the package, others as given. */
function fileLabel(rule: Rule): string {
  const fromPackage = relative(packageRoot, rule.file);
  return isAbsolute(rule.file) && !fromPackage.startsWith('..') ? fromPackage.split('\\').join('/') : rule.file;
}

function publicRule(rule: Rule): Record<string, unknown> {
  const { file: _file, ...rest } = rule;
  return { ...rest, file: fileLabel(rule) };
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(1, width - 1))}…`;
}

/** One line per rule; titles are cut to the terminal width (never when piped). */
function renderList(rules: Rule[], width: number): string {
  const sorted = [...rules].sort(compareRulesForReference);
  const idWidth = Math.max(2, ...sorted.map((r) => r.id.length));
  const typeOf = (r: Rule): string => r.resourceType.replace(/^AWS::/, '');
  const typeWidth = Math.max(4, ...sorted.map((r) => typeOf(r).length));
  const head = `${'ID'.padEnd(idWidth)}  SEVERITY  SPOF  ${'TYPE'.padEnd(typeWidth)}  TITLE`;
  const titleWidth = Math.max(20, width - head.length + 5);
  const lines = [head];
  for (const r of sorted) lines.push(`${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${(r.spof ? 'yes' : 'no').padEnd(4)}  ${typeOf(r).padEnd(typeWidth)}  ${truncate(r.title, titleWidth)}`);
  return `${lines.join('\n')}\n`;
}

function renderShow(rule: Rule): string {
  const indent = (text: string): string => text.trimEnd().split('\n').map((l) => `  ${l}`).join('\n');
  const lines = [
    `${rule.id}: ${rule.title}`,
    `severity: ${rule.severity}   single point of failure: ${rule.spof ? 'yes' : 'no'}   applies to: ${rule.resourceType}`,
    `file: ${fileLabel(rule)}`,
    '',
  ];
  if (rule.applies) lines.push('applies when:', indent(rule.applies));
  lines.push('fires when:', indent(rule.condition), 'message:', indent(rule.message));
  if (rule.rationale) lines.push('rationale:', indent(rule.rationale));
  lines.push('on Kubernetes:', indent(`${rule.kubernetes.equivalent}${rule.kubernetes.remediation ? `\n${rule.kubernetes.remediation}` : ''}`));
  if (rule.remediation) lines.push('fix on AWS:', indent(rule.remediation));
  if (rule.references.length) lines.push('references:', ...rule.references.map((r) => `  - ${r}`));
  return `${lines.join('\n')}\n`;
}

/** Edit distance, to suggest the rule id someone meant. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** Registers `kubelift rules list | show | validate`. */
export function registerRules(program: Command, context: () => CliContext): void {
  const rules = program.command('rules').description('list, show and validate the rules kubelift evaluates');

  rules
    .command('list')
    .description('list the built-in rules and those in --rules folders')
    .option('--rules <dir>', 'also list the rule files in this folder (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .action(async (options: { rules: string[]; format: 'table' | 'json' | 'markdown' }) => {
      const ctx = context();
      const loaded = await loadRules([paths.rules, ...options.rules]);
      let text: string;
      if (options.format === 'json') text = `${JSON.stringify([...loaded].sort(compareRulesForReference).map(publicRule), null, 2)}\n`;
      else if (options.format === 'markdown') text = renderRulesReference(loaded, { fileLabel });
      else text = renderList(loaded, ctx.stdout.isTTY ? (ctx.stdout.columns ?? 100) : Number.POSITIVE_INFINITY);
      ctx.stdout.write(text);
    });

  rules
    .command('show')
    .description('show one rule: its condition, message, rationale and remedies')
    .argument('<rule-id>', 'the rule id, as `kubelift rules list` prints it')
    .option('--rules <dir>', 'also look in this folder (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'output format (yaml prints the file as written)').choices(['text', 'json', 'yaml']).default('text'))
    .action(async (id: string, options: { rules: string[]; format: 'text' | 'json' | 'yaml' }) => {
      const ctx = context();
      const loaded = await loadRules([paths.rules, ...options.rules]);
      const rule = loaded.find((r) => r.id === id);
      if (!rule) {
        const near = loaded
          .map((r) => ({ id: r.id, d: r.id.includes(id) || id.includes(r.id) ? 0 : distance(id, r.id) }))
          .filter((r) => r.d <= Math.max(2, Math.floor(id.length / 3)))
          .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
          .slice(0, 3)
          .map((r) => r.id);
        throw new UsageError(`no rule '${id}'`, {
          code: 'E_USAGE',
          hint: near.length ? `Did you mean ${near.join(', ')}? \`kubelift rules list\` lists every rule.` : '`kubelift rules list` lists every rule.',
        });
      }
      if (options.format === 'json') ctx.stdout.write(`${JSON.stringify(publicRule(rule), null, 2)}\n`);
      else if (options.format === 'yaml') ctx.stdout.write(await readFile(rule.file, 'utf8'));
      else ctx.stdout.write(renderShow(rule));
    });

  rules
    .command('validate')
    .description('check rule folders: YAML, schema, CEL, fact names, unique ids (exit 2 listing every problem)')
    .argument('<dir...>', 'folders of rule files (*.yaml)')
    .action(async (dirs: string[]) => {
      const ctx = context();
      // A user folder is checked together with the built-in rules, because ids must be unique across both.
      const builtIn = resolve(paths.rules);
      const users = dirs.filter((d) => resolve(d) !== builtIn);
      const loaded = await loadRules([paths.rules, ...users]);
      for (const dir of dirs) {
        const inDir = loaded.filter((r) => resolve(dirname(r.file)) === resolve(dir));
        ctx.stdout.write(`${dir}: ${inDir.length} rule${inDir.length === 1 ? '' : 's'}, all valid\n`);
      }
    });
}
