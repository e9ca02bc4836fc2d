/**
 * The container image. An AMI is a whole machine, not an image, so the values
 * carry a clearly marked placeholder and the plan carries a task that says
 * what to build: the AMI, the instance's architecture, the hints its names and
 * tags give, and the upstream image when the application is a known one.
 */
import { sortStrings } from '../model/sort.js';
import { asRecord, asString, byDecision, byDefault } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import { PLACEHOLDER } from './service-account.js';
import type { DetectedApp, WorkloadDecision } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

const HINT_TAGS = /^(application|app|service|role|component|stack|project|product)$/i;

/** The placeholder repository of a workload: `REPLACE-ME/<workload id>`. */
export function placeholderRepository(workloadId: string): string {
  return `${PLACEHOLDER}/${workloadId}`;
}

/** Plans `image.*`. */
export function planImage(sources: WorkloadSources, app: DetectedApp | undefined, decision: WorkloadDecision | undefined): Contribution {
  const out = contribution();
  if (decision?.image?.repository) {
    out.values.push({ path: 'image.repository', value: decision.image.repository, provenance: byDecision('plan.yaml names the image') });
    out.values.push({ path: 'image.tag', value: decision.image.tag ?? PLACEHOLDER, provenance: decision.image.tag ? byDecision('plan.yaml names the tag') : byDefault('plan.yaml names no tag: a placeholder, never "latest"') });
    if (!decision.image.tag) out.tasks.push({ id: 'image-tag', kind: 'image', title: `Set image.tag for ${decision.image.repository}`, detail: 'A pinned tag (or digest) keeps rollouts reproducible; "latest" is rejected by the chart.', blocking: true });
    return out;
  }
  const repository = placeholderRepository(sources.workload.id);
  out.values.push({ path: 'image.repository', value: repository, provenance: byDefault('PLACEHOLDER: an AMI is a machine image; the container image must be built (see the image task)') });
  out.values.push({ path: 'image.tag', value: PLACEHOLDER, provenance: byDefault('PLACEHOLDER: set the tag of the image you build') });

  const facts = machineFacts(sources);
  const appHint = app ? ` It looks like ${app.name}: start from the upstream image${app.image ? ` ${app.image}` : ''} (or its chart ${app.chart.name}) rather than rebuilding the AMI.` : '';
  out.tasks.push({
    id: 'image',
    kind: 'image',
    title: `Build a container image for ${sources.workload.name}`,
    detail: `Replace ${repository}:${PLACEHOLDER}. What AWS shows of the machine: ${facts.length > 0 ? facts.join('; ') : 'no AMI or tags in the snapshot'}. Port what the AMI and its user data install and configure into a Dockerfile (packages, config files, the start command), with logs to stdout.${appHint}`,
    blocking: true,
  });
  return out;
}

/**
 * What AWS shows of the machine to rebuild: the AMI, the launch template or configuration, the
 * architecture and the tags that hint at the application. A function of its own: compiled on its
 * own, so that a resource shape met late in a large estate recompiles it, not planImage.
 */
function machineFacts(sources: WorkloadSources): string[] {
  const facts: string[] = [];
  const image = sources.image;
  if (image.id) facts.push(`AMI ${image.id}${image.name ? ` (${image.name})` : ''}${image.description ? ` — ${image.description}` : ''}`);
  if (sources.asg) {
    const lt = asRecord(sources.asg.data.LaunchTemplate);
    const name = asString(lt.LaunchTemplateName) ?? asString(lt.LaunchTemplateId);
    if (name) facts.push(`launch template ${name} (version ${String(lt.Version ?? '$Default')})`);
    const lc = asString(sources.asg.data.LaunchConfigurationName);
    if (lc) facts.push(`launch configuration ${lc}`);
  }
  const arch = asString(sources.instances[0]?.data.Architecture);
  if (arch) facts.push(`architecture ${arch === 'arm64' ? 'arm64 (Graviton)' : arch}`);
  const hints = new Set<string>();
  for (const { key, value } of sources.tagPairs()) if (HINT_TAGS.test(key) || key === 'Name') hints.add(`${key}=${value}`);
  if (hints.size > 0) facts.push(`tags ${sortStrings([...hints]).join(', ')}`);
  return facts;
}
