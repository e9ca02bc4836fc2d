/**
 * Renders docs/facts.md from the fact declarations and the relationship table,
 * so the reference cannot drift from the code (a test compares the two).
 */
import { RESOURCE_TYPES } from '../snapshot/types.js';
import { FACT_DECLARATIONS } from './facts.js';
import { RELATIONSHIPS } from './relationships.js';

const escape = (text: string): string => text.replace(/\|/g, '\\|');

/** The facts reference as Markdown. */
export function renderFactsReference(): string {
  const lines: string[] = [
    '# Facts reference',
    '',
    '<!-- Generated from src/model/facts.ts and src/model/relationships.ts; do not edit by hand. -->',
    '',
    'Rules read the AWS resource as `resource` (the shape the AWS API returns) and what',
    'kubelift derived about it as `facts`. Rules on a resource type also see the facts of',
    'its workload as `workload` (null when the resource belongs to none); rules on',
    '`workload` see them as both `workload` and `facts`. Every fact is always present, so',
    'conditions need no `has()` for facts. A fact lists the services it reads: when one of',
    'them has a coverage error in the resource’s account and region, a rule reading the fact',
    'is reported as `unknown` rather than guessed.',
    '',
    'Zone names (`us-east-1a`) are per account; compare zone ids (`use1-az6`) across accounts.',
    '',
  ];
  for (const type of ['workload', ...RESOURCE_TYPES] as const) {
    lines.push(`## ${type === 'workload' ? 'workload' : `\`${type}\``}`, '', '| fact | services | description |', '| --- | --- | --- |');
    for (const [name, declaration] of Object.entries(FACT_DECLARATIONS[type]).sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`| \`${name}\` | ${declaration.services.join(', ') || '—'} | ${escape(declaration.description)} |`);
    }
    lines.push('');
  }
  lines.push('## Relationships', '', 'How the resolver links resources (`from relation to`).', '', '| from | relation | to | how |', '| --- | --- | --- | --- |');
  for (const spec of RELATIONSHIPS) lines.push(`| \`${spec.from}\` | ${spec.relation} | \`${spec.to}\` | ${escape(spec.description)} |`);
  lines.push(
    '| `AWS::ElasticLoadBalancingV2::LoadBalancer` | routesTo | `AWS::ElasticLoadBalancingV2::TargetGroup` | derived: a listener of the load balancer, or one of its rules, forwards to the target group |',
    '',
    '## Workloads',
    '',
    '- Each Auto Scaling group is one workload (origin `auto-scaling-group`), with its instances,',
    '  their volumes, Elastic IPs and security groups, its target groups, the load balancers, listeners',
    '  and rules routing to them, its classic load balancers, launch template or configuration, and settings.',
    '- Instances tagged `aws:autoscaling:groupName` with a group the snapshot does not hold stay together',
    '  under that group’s name.',
    '- Standalone instances registered in a common target group or classic load balancer form one workload.',
    '- The remaining standalone instances group by application: an `app.kubernetes.io/name`, `app`,',
    '  `application`, `service`, `app-name` or `appname` tag, else the CloudFormation stack and logical id,',
    '  else the Name tag without its numeric suffix (`web-01`, `web-02` → `web`); otherwise they stand alone.',
    '- Terminated instances belong to no workload; stopped instances are members but never replicas.',
    '- Workload ids are DNS-1123 labels made from the name; names that clash are qualified by region, then',
    '  account, then a short hash, so ids never depend on the order of the snapshot.',
    '',
  );
  return lines.join('\n');
}
