/**
 * The README.md index of an export folder: what was written, how to install
 * it, and everything that needs a human before the values can go live
 * (images to build, singletons and their remedies, state to move, known
 * applications and their upstream charts, identities, secrets, storage).
 * Pure and deterministic.
 */
import type { KubernetesPlan, PlanTask, StorageClassSpec } from '../mapping/types.js';
import { releaseNameOf } from '../mapping/release-name.js';
import { scoreReadiness } from '../plan/readiness.js';

export interface ExportReadmeInput {
  plans: readonly KubernetesPlan[];
  /** Where the plans came from, for people ("the demo estate", "snapshot.json"). */
  source: string;
  /** Whether manifests.yaml files were rendered too. */
  manifests: boolean;
  /** Workloads left out, and why. */
  skipped: readonly { id: string; reason: string }[];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function tasksOf(plans: readonly KubernetesPlan[], kind: PlanTask['kind']): { plan: KubernetesPlan; task: PlanTask }[] {
  return plans.flatMap((plan) => (plan.tasks ?? []).filter((t) => t.kind === kind).map((task) => ({ plan, task })));
}

function storageClassYaml(spec: StorageClassSpec): string {
  const params = Object.entries(spec.parameters).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`);
  return [
    'apiVersion: storage.k8s.io/v1',
    'kind: StorageClass',
    'metadata:',
    `  name: ${spec.name}`,
    `provisioner: ${spec.provisioner}`,
    'parameters:',
    ...params,
    `reclaimPolicy: ${spec.reclaimPolicy}`,
    `volumeBindingMode: ${spec.volumeBindingMode}`,
    `allowVolumeExpansion: ${String(spec.allowVolumeExpansion)}`,
  ].join('\n');
}

/** Renders DIR/README.md. */
export function renderExportReadme(input: ExportReadmeInput): string {
  const plans = [...input.plans].sort((a, b) => a.workloadId.localeCompare(b.workloadId));
  const out: string[] = [];
  const line = (text = '') => out.push(text);

  line('# Kubernetes export');
  line();
  line(`kubelift wrote Helm values for ${plans.length} workload${plans.length === 1 ? '' : 's'} of ${input.source}, for the chart \`charts/kubelift-app\` that ships with kubelift. Every value in a \`values.yaml\` is commented with the AWS resource and field it came from, or the default kubelift chose and why.`);
  line();
  line('## Install');
  line();
  line('```sh');
  line('# <chart> is charts/kubelift-app in the kubelift package (or a copy of it)');
  for (const plan of plans) line(`helm upgrade --install ${releaseNameOf(plan.workloadId)} <chart> --namespace <namespace> -f ${plan.workloadId}/values.yaml`);
  line('```');
  line();
  if (plans.some((p) => (p.values.ingress as { enabled?: boolean } | undefined)?.enabled || (p.values.service as { type?: string } | undefined)?.type === 'LoadBalancer')) {
    line('Label each namespace for pod readiness gates first (`kubectl label namespace <namespace> elbv2.k8s.aws/pod-readiness-gate-inject=enabled`): rollouts then wait until the load balancer sees new pods healthy, as they did on EC2.');
    line();
  }
  line('The cluster needs: the AWS Load Balancer Controller (Ingress class `alb`, NLB Services), the EBS CSI driver (persistent volumes), metrics-server (HPA), a CNI that enforces NetworkPolicy (VPC CNI with `enableNetworkPolicy`, Calico or Cilium), and nodes in at least as many zones as the spread constraints ask for. KEDA is optional: the values carry its triggers switched off.');
  line();
  line('## What was written');
  line();
  line('| Workload | Kind | Class | Replicas | Application | Readiness | Files |');
  line('| --- | --- | --- | --- | --- | --- | --- |');
  for (const plan of plans) {
    const readiness = scoreReadiness(plan);
    const replicas = plan.autoscaling.enabled ? `${plan.autoscaling.minReplicas}–${plan.autoscaling.maxReplicas} (HPA)` : String(plan.replicas);
    const files = [`\`${plan.workloadId}/values.yaml\``, ...(input.manifests ? [`\`${plan.workloadId}/manifests.yaml\``] : [])].join(', ');
    line(`| ${cell(plan.workloadId)}${plan.workloadName !== plan.workloadId ? ` (${cell(plan.workloadName)})` : ''} | ${plan.kind} | ${plan.class} | ${replicas} | ${plan.app ? cell(plan.app.name) : '—'} | ${readiness.score} (${readiness.label}) | ${files} |`);
  }
  if (input.skipped.length > 0) {
    line();
    line('Left out:');
    line();
    for (const s of [...input.skipped].sort((a, b) => a.id.localeCompare(b.id))) line(`- ${s.id}: ${s.reason}`);
  }
  line();
  line('## What needs a human');
  line();
  line('The values are a starting point that keeps the HA guarantees; these steps cannot be derived from AWS and must be done before the traffic moves.');

  const section = (title: string, intro: string | undefined, items: string[]) => {
    if (items.length === 0) return;
    line();
    line(`### ${title}`);
    line();
    if (intro) {
      line(intro);
      line();
    }
    for (const item of items) line(item);
  };

  section('Images to build', 'An AMI is a whole machine, not a container image; each `image.repository` is a `REPLACE-ME` placeholder.', tasksOf(plans, 'image').map(({ plan, task }) => `- **${plan.workloadId}**: ${task.title}. ${task.detail}`));
  section('State to move first', 'An all-in-one install keeps its state on the box; replicas of that box would each get their own copy.', tasksOf(plans, 'state').map(({ plan, task }) => `- **${plan.workloadId}**: ${task.detail}`));
  section('Singletons', 'These stay a single pod: Kubernetes restarts them elsewhere when a node fails, but that is a restart, not high availability.', tasksOf(plans, 'singleton').map(({ plan, task }) => `- **${plan.workloadId}**${plan.app ? ` (${plan.app.name})` : ''}: ${task.detail}`));
  section(
    'Known applications',
    'These workloads look like well-known applications. Their upstream charts know how to run them highly available; the generic values are written either way.',
    plans
      .filter((p) => p.app)
      .map((p) => {
        const app = p.app as NonNullable<KubernetesPlan['app']>;
        return `- **${p.workloadId}** looks like **${app.name}** (${app.evidence.join('; ')}). Chart \`${app.chart.name}\` from ${app.chart.repository}${app.chart.version ? ` (${app.chart.version})` : ''}; HA values: \`${JSON.stringify(app.haValues)}\`.${app.remedy ? ` Remedy: ${app.remedy.replace(/\.$/, '')}.` : ''}${app.notes.length > 0 ? ` ${app.notes.join(' ')}` : ''}`;
      }),
  );
  section('Clustering', undefined, tasksOf(plans, 'app').filter(({ task }) => task.id !== 'upstream-chart').map(({ plan, task }) => `- **${plan.workloadId}**: ${task.title}. ${task.detail}`));
  section('Identity', 'Instance profiles become IRSA roles; the role ARNs in `serviceAccount.annotations` are `REPLACE-ME` placeholders.', tasksOf(plans, 'identity').map(({ plan, task }) => `- **${plan.workloadId}**: ${task.detail}`));
  line();
  line('### Secrets');
  line();
  line('No secret is written to these files, and none should be added to them. Credentials the instances held (user data, configuration files, environment variables) belong in AWS Secrets Manager or SSM Parameter Store, reaching the pods through External Secrets or the Secrets Store CSI driver; point `secret.existingSecret` at the resulting Secret.');
  for (const { plan, task } of tasksOf(plans, 'secrets')) line(`- **${plan.workloadId}**: ${task.title}. ${task.detail}`);
  section('Storage', undefined, tasksOf(plans, 'storage').map(({ plan, task }) => `- **${plan.workloadId}**: ${task.title}. ${task.detail}`));
  const classes = new Map<string, StorageClassSpec>();
  for (const plan of plans) for (const spec of plan.storageClasses ?? []) classes.set(spec.name, spec);
  if (classes.size > 0) {
    line();
    line('StorageClasses are cluster-wide: create these once (`kubectl apply -f`).');
    line();
    line('```yaml');
    line([...classes.values()].sort((a, b) => a.name.localeCompare(b.name)).map(storageClassYaml).join('\n---\n'));
    line('```');
  }
  section('Network', undefined, tasksOf(plans, 'network').map(({ plan, task }) => `- **${plan.workloadId}**: ${task.title}. ${task.detail}`));
  section('To review', undefined, tasksOf(plans, 'review').map(({ plan, task }) => `- **${plan.workloadId}**: ${task.title}. ${task.detail}`));
  section(
    'Lossy conversions',
    'Where EC2 had something Kubernetes does not express the same way; each is also listed under `kubelift.warnings` in the values.',
    plans.flatMap((p) => (p.warnings ?? []).map((w) => `- **${p.workloadId}**: ${w}`)),
  );
  line();
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}`;
}
