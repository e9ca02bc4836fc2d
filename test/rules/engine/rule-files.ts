/** Rule files and rule objects for engine tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rule } from '../../../src/rules/types.js';

/** A valid rule file's text; `lines` replace or add top-level fields. */
export function ruleYaml(id: string, fields: Record<string, string> = {}): string {
  const base: Record<string, string> = {
    id,
    title: 'Instance is not in an Auto Scaling group',
    severity: 'high',
    spof: 'true',
    resourceType: 'AWS::EC2::Instance',
    condition: "'!facts.inASG'",
    message: 'Instance {{ resource.InstanceId }} has no Auto Scaling group',
    rationale: 'Nothing replaces the instance when it fails.',
    kubernetes: '\n  equivalent: A Deployment keeps the replica count.\n  remediation: The exported values set replicaCount.',
    references: '\n  - https://docs.aws.amazon.com/autoscaling/ec2/userguide/what-is-amazon-ec2-auto-scaling.html',
    ...fields,
  };
  return `${Object.entries(base)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}:${v.startsWith('\n') ? '' : ' '}${v}`)
    .join('\n')}\n`;
}

/** A fresh folder holding the given files (name → text). */
export function ruleFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kubelift-rules-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** A rule object, as the loader would return it. */
export function rule(fields: Partial<Rule> & Pick<Rule, 'id'>): Rule {
  return {
    title: `Rule ${fields.id}`,
    severity: 'medium',
    spof: false,
    resourceType: 'AWS::EC2::Instance',
    condition: 'false',
    message: 'fired on {{ resource.InstanceId }}',
    kubernetes: { equivalent: 'a Deployment' },
    references: [],
    file: `${fields.id}.yaml`,
    ...fields,
  };
}
