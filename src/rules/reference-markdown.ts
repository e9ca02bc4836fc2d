/**
 * The rules reference in Markdown, generated from the rule files: an index
 * (single points of failure first, then by severity) and one section per
 * rule. docs/rules.md is this output for the built-in catalog, and
 * `kubelift rules list --format markdown` prints it for any set of rules.
 */
import { severityRank } from './findings.js';
import { compareText } from './resource-ref.js';
import type { Rule } from './types.js';

export interface ReferenceOptions {
  /** How a rule's file is named in the output (relative, never a machine's absolute path). */
  fileLabel: (rule: Rule) => string;
  title?: string;
  intro?: string[];
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function fence(source: string, language: string): string[] {
  const longest = Math.max(2, ...[...source.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return [`${marks}${language}`, source.trimEnd(), marks];
}

/** Orders rules the way the reference lists them: SPOF rules first, then worst severity, then id. */
export function compareRulesForReference(a: Rule, b: Rule): number {
  return Number(b.spof) - Number(a.spof) || severityRank(a.severity) - severityRank(b.severity) || compareText(a.id, b.id);
}

/** Renders the rules reference. Pure. */
export function renderRulesReference(rules: readonly Rule[], options: ReferenceOptions): string {
  const sorted = [...rules].sort(compareRulesForReference);
  const out: string[] = [`# ${options.title ?? 'Rules reference'}`, ''];
  if (options.intro?.length) out.push(...options.intro, '');
  const spof = sorted.filter((r) => r.spof).length;
  out.push(`${sorted.length} rule${sorted.length === 1 ? '' : 's'}, ${spof} of which mark a single point of failure.`, '');
  out.push('| Rule | Severity | SPOF | Applies to | Title |', '| --- | --- | --- | --- | --- |');
  for (const rule of sorted) out.push(`| [\`${rule.id}\`](#${rule.id}) | ${rule.severity} | ${rule.spof ? 'yes' : 'no'} | \`${cell(rule.resourceType)}\` | ${cell(rule.title)} |`);
  out.push('');
  for (const rule of sorted) {
    out.push(`## ${rule.id}`, '', `**${rule.title}**`, '');
    out.push(`- Severity: ${rule.severity}`, `- Single point of failure: ${rule.spof ? 'yes' : 'no'}`, `- Applies to: \`${rule.resourceType}\``, `- File: \`${options.fileLabel(rule)}\``, '');
    if (rule.rationale) out.push(rule.rationale.trim(), '');
    if (rule.applies) out.push('Applies when:', '', ...fence(rule.applies, 'cel'), '');
    out.push('Fires when:', '', ...fence(rule.condition, 'cel'), '');
    out.push('Message:', '', ...fence(rule.message, 'text'), '');
    out.push(`On Kubernetes: ${rule.kubernetes.equivalent.trim()}${rule.kubernetes.remediation ? ` ${rule.kubernetes.remediation.trim()}` : ''}`, '');
    if (rule.remediation) out.push(`Fix on AWS: ${rule.remediation.trim()}`, '');
    if (rule.references.length) {
      out.push('References:', '');
      for (const ref of rule.references) out.push(`- <${ref}>`);
      out.push('');
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

/** docs/rules.md: the reference of the built-in catalog in rules/. */
export function renderCatalogReference(rules: readonly Rule[]): string {
  return renderRulesReference(rules, {
    fileLabel: (rule) => `rules/${rule.file.split(/[\\/]/).pop() ?? `${rule.id}.yaml`}`,
    intro: [
      '<!-- Generated from rules/*.yaml by scripts/gen-rules-doc.mjs; do not edit by hand. -->',
      '',
      'The rules kubelift evaluates by default. Each rule is one YAML file in `rules/`;',
      'how rules are written, evaluated and tested, and how to add your own with',
      '`--rules DIR`, is in [writing-rules.md](writing-rules.md). The same list, for',
      'any set of rule folders, comes from `kubelift rules list --format markdown`.',
    ],
  });
}
