// values.schema.json and the chart's cross-field `fail` rules must reject values that would produce a
// non-HA or invalid release. Every case runs the real `helm lint --strict` and `helm template` on the
// chart defaults plus one bad override and expects both to exit non-zero with the given message.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { parse, stringify } from 'yaml';
import { helmBin, REPO_ROOT, runHelm } from '../../test-support/helm.js';

const CHART = join(REPO_ROOT, 'charts', 'kubelift-app');
const TIMEOUT = 60_000;
let dir: string;
let n = 0;

beforeAll(async () => {
  await helmBin();
  dir = mkdtempSync(join(tmpdir(), 'kubelift-schema-'));
}, 180_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function valuesFile(values: unknown): string {
  const file = join(dir, `values-${++n}.yaml`);
  writeFileSync(file, typeof values === 'string' ? values : stringify(values));
  return file;
}

async function lintAndTemplate(values: unknown): Promise<{ lint: { code: number; out: string }; template: { code: number; out: string } }> {
  const file = valuesFile(values);
  const [l, t] = await Promise.all([runHelm(['lint', '--strict', CHART, '-f', file]), runHelm(['template', 'rel', CHART, '-f', file])]);
  return { lint: { code: l.code, out: l.stdout + l.stderr }, template: { code: t.code, out: t.stdout + t.stderr } };
}

// Cases run concurrently (each spawns two helm processes), so assertions use the test's own expect.
async function expectRejected(expect: ExpectStatic, values: unknown, ...messages: (string | RegExp)[]): Promise<void> {
  const r = await lintAndTemplate(values);
  for (const [what, res] of [['helm lint --strict', r.lint], ['helm template', r.template]] as const) {
    expect(res.code, `${what} accepted the values:\n${res.out}`).not.toBe(0);
    for (const m of messages) {
      if (typeof m === 'string') expect(res.out, what).toContain(m);
      else expect(res.out, what).toMatch(m);
    }
  }
}

async function expectAccepted(expect: ExpectStatic, values: unknown): Promise<void> {
  const r = await lintAndTemplate(values);
  expect(r.lint.code, r.lint.out).toBe(0);
  expect(r.template.code, r.template.out).toBe(0);
}

describe('values.schema.json', () => {
  it('is self-contained draft-07 with a closed root that still allows global', () => {
    const schema = JSON.parse(readFileSync(join(CHART, 'values.schema.json'), 'utf8'));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.global).toMatchObject({ type: 'object', additionalProperties: true });
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^"\$ref":"#\/definitions\//);
    expect(JSON.stringify(schema)).not.toMatch(/"\$defs"|unevaluatedProperties|dependentRequired/);
    // every top-level key of values.yaml is declared (and vice versa, apart from global/enabled)
    const valuesKeys = readFileSync(join(CHART, 'values.yaml'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Za-z][A-Za-z0-9]*:/.test(l))
      .map((l) => l.slice(0, l.indexOf(':')))
      .sort();
    expect(Object.keys(schema.properties).filter((k) => k !== 'enabled').sort()).toEqual(valuesKeys);
  });

  it('documents every values.yaml key in the chart README', () => {
    const values = parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Record<string, unknown>;
    const readme = readFileSync(join(CHART, 'README.md'), 'utf8');
    const paths: string[] = [];
    const walk = (node: unknown, path: string): void => {
      const isMap = typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length > 0;
      if (isMap && path !== 'resources.requests' && path !== 'resources.limits') {
        for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, path ? `${path}.${k}` : k);
      } else paths.push(path);
    };
    walk(values, '');
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.filter((p) => !readme.includes(`| \`${p}\` |`))).toEqual([]);
  });

  it('accepts global values and the subchart enabled switch', async ({ expect }) => {
    await expectAccepted(expect, { global: { imageRegistry: 'x', anything: { nested: 1 } }, enabled: true });
  }, TIMEOUT);

  it('accepts a singleton with one replica', async ({ expect }) => {
    await expectAccepted(expect, { kubelift: { haClass: 'singleton' }, replicaCount: 1 });
  }, TIMEOUT);

  describe('rejects', () => {
    const cases: Array<[string, unknown, ...(string | RegExp)[]]> = [
      ['replicaCount "two"', { replicaCount: 'two' }, "at '/replicaCount': got string, want integer"],
      ['replicaCount 0', { replicaCount: 0 }, "at '/replicaCount': minimum: got 0, want 1"],
      ['replicaCount 1 for a replicable workload', { replicaCount: 1 }, "at '/replicaCount': minimum: got 1, want 2"],
      ['replicaCount 2 for a singleton', { kubelift: { haClass: 'singleton' }, replicaCount: 2 }, "at '/replicaCount': value must be 1"],
      ['an unknown haClass', { kubelift: { haClass: 'stateless' } }, "at '/kubelift/haClass': value must be one of"],
      ['an unknown top-level key (replicas)', { replicas: 3 }, "additional properties 'replicas' not allowed"],
      ['an unknown nested key', { podDisruptionBudget: { maxUnavailble: 1 } }, "at '/podDisruptionBudget': additional properties 'maxUnavailble' not allowed"],
      ['a securityContext typo', { securityContext: { readOnlyRootFileSystem: true } }, "at '/securityContext': additional properties 'readOnlyRootFileSystem' not allowed"],
      ['podDisruptionBudget.maxUnavailable 0', { podDisruptionBudget: { maxUnavailable: 0 } }, "at '/podDisruptionBudget/maxUnavailable'", 'minimum: got 0, want 1'],
      ['podDisruptionBudget.maxUnavailable "0%"', { podDisruptionBudget: { maxUnavailable: '0%' } }, "at '/podDisruptionBudget/maxUnavailable'"],
      ['podDisruptionBudget.minAvailable "100%"', { podDisruptionBudget: { minAvailable: '100%' } }, "at '/podDisruptionBudget/minAvailable'"],
      ['both minAvailable and maxUnavailable', { podDisruptionBudget: { minAvailable: 1, maxUnavailable: 1 } }, "at '/podDisruptionBudget': 'not' failed"],
      ['an unknown unhealthyPodEvictionPolicy', { podDisruptionBudget: { unhealthyPodEvictionPolicy: 'Always' } }, "at '/podDisruptionBudget/unhealthyPodEvictionPolicy'"],
      ['a bad image.pullPolicy', { image: { pullPolicy: 'Sometimes' } }, "at '/image/pullPolicy': value must be one of 'Always', 'IfNotPresent', 'Never'"],
      ['an empty image.repository', { image: { repository: '' } }, "at '/image/repository': minLength: got 0, want 1"],
      ['image.repository with a tag in it', { image: { repository: 'nginx:1.27' } }, "at '/image/repository'"],
      ['image.tag latest', { image: { tag: 'latest' } }, "at '/image/tag': 'not' failed"],
      ['no image.tag and no digest', { image: { tag: '' } }, "at '/image/tag': minLength: got 0, want 1"],
      ['a malformed image.digest', { image: { digest: 'sha256:abc' } }, "at '/image/digest'"],
      ['an unquoted numeric image.tag', 'image:\n  tag: 1.20\n', "at '/image/tag': got number, want string"],
      ['a negative terminationGracePeriodSeconds', { terminationGracePeriodSeconds: -1 }, "at '/terminationGracePeriodSeconds': minimum: got -1, want 0"],
      ['a negative preStop sleep', { lifecycle: { preStop: { sleep: { seconds: -5 } } } }, "at '/lifecycle/preStop/sleep/seconds': minimum: got -5, want 0"],
      ['a preStop with two non-sleep handlers', { lifecycle: { preStop: { exec: { command: ['drain'] }, httpGet: { path: '/drain', port: 'http' } } } }, "at '/lifecycle/preStop': 'oneOf' failed"],
      ['readinessProbe.enabled (readiness is mandatory)', { readinessProbe: { enabled: false } }, "at '/readinessProbe': additional properties 'enabled' not allowed"],
      ['a probe with two handlers', { readinessProbe: { httpGet: { path: '/h', port: 'http' }, tcpSocket: { port: 'http' } } }, "at '/readinessProbe': 'oneOf' failed"],
      ['a probe with periodSeconds 0', { readinessProbe: { periodSeconds: 0 } }, "at '/readinessProbe/periodSeconds': minimum: got 0, want 1"],
      ['a probe with an unknown field', { readinessProbe: { initialDelay: 5 } }, "at '/readinessProbe': additional properties 'initialDelay' not allowed"],
      ['a probe port name that is not IANA_SVC_NAME', { readinessProbe: { httpGet: { path: '/h', port: 'HTTP_PORT' } } }, "at '/readinessProbe/httpGet/port'"],
      ['a probe port out of range', { readinessProbe: { tcpSocket: { port: 70000 } } }, "at '/readinessProbe/tcpSocket/port'"],
      ['an httpGet path without a leading slash', { readinessProbe: { httpGet: { path: 'health', port: 'http' } } }, "at '/readinessProbe/httpGet/path'"],
      ['livenessProbe.successThreshold 2', { livenessProbe: { successThreshold: 2 } }, "at '/livenessProbe/successThreshold': value must be 1"],
      ['startupProbe.successThreshold 3', { startupProbe: { successThreshold: 3 } }, "at '/startupProbe/successThreshold': value must be 1"],
      ['readinessProbe set to null', { readinessProbe: null }, "missing property 'readinessProbe'"],
      ['a container port name with an underscore', { containerPorts: { http_alt: { containerPort: 8081 } } }, "invalid propertyName 'http_alt'"],
      ['a container port name longer than 15 chars', { containerPorts: { 'a-very-long-port-name': { containerPort: 8081 } } }, "invalid propertyName 'a-very-long-port-name'"],
      ['a containerPort of 0', { containerPorts: { http: { containerPort: 0 } } }, "at '/containerPorts/http/containerPort': minimum: got 0, want 1"],
      ['an integer annotation value', 'ingress:\n  annotations:\n    alb.ingress.kubernetes.io/healthcheck-interval-seconds: 15\n', "at '/ingress/annotations/alb.ingress.kubernetes.io~1healthcheck-interval-seconds': got number, want string"],
      ['a bad IRSA role ARN', { serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:user/x' } } }, "at '/serviceAccount/annotations/eks.amazonaws.com~1role-arn'"],
      ['a label value with a space', { commonLabels: { team: 'shop web' } }, "at '/commonLabels/team'"],
      ['a label value longer than 63 chars', { podLabels: { team: 'x'.repeat(64) } }, "at '/podLabels/team': maxLength: got 64, want 63"],
      ['a cpu quantity with units', { resources: { requests: { cpu: '2 cores' } } }, "at '/resources/requests/cpu'"],
      ['a memory quantity in GB', { resources: { limits: { memory: '1GB' } } }, "at '/resources/limits/memory'"],
      ['workload.kind DaemonSet', { workload: { kind: 'DaemonSet' } }, "at '/workload/kind': value must be one of 'Deployment', 'StatefulSet'"],
      ['service.type ExternalName', { service: { type: 'ExternalName' } }, "at '/service/type'"],
      ['service.port 0', { service: { port: 0 } }, "at '/service/port': minimum: got 0, want 1"],
      ['an unknown ingress pathType', { ingress: { hosts: [{ host: 'a.example.com', paths: [{ path: '/', pathType: 'Glob' }] }] } }, "at '/ingress/hosts/0/paths/0/pathType'"],
      ['topologySpreadConstraints minDomains with ScheduleAnyway', { topologySpreadConstraints: [{ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', minDomains: 3 }] }, "at '/topologySpreadConstraints/0/whenUnsatisfiable': value must be 'DoNotSchedule'"],
      ['topologySpreadConstraints maxSkew 0', { topologySpreadConstraints: [{ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 0, whenUnsatisfiable: 'DoNotSchedule' }] }, "at '/topologySpreadConstraints/0/maxSkew': minimum: got 0, want 1"],
      ['a topologySpreadConstraint without topologyKey', { topologySpreadConstraints: [{ maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule' }] }, "at '/topologySpreadConstraints/0': missing property 'topologyKey'"],
      ['an unknown podAntiAffinityPreset', { podAntiAffinityPreset: 'medium' }, "at '/podAntiAffinityPreset'"],
      ['HPA and KEDA together', { autoscaling: { enabled: true, keda: { enabled: true, triggers: [{ type: 'cpu', metadata: { value: '70' } }] } } }, "at '/autoscaling': 'not' failed"],
      ['autoscaling.minReplicas 1 for a replicable workload', { autoscaling: { enabled: true, minReplicas: 1 } }, "at '/autoscaling/minReplicas': minimum: got 1, want 2"],
      ['an autoscaled singleton', { kubelift: { haClass: 'singleton' }, replicaCount: 1, autoscaling: { enabled: true } }, "at '/autoscaling/enabled': value must be false"],
      ['targetCPUUtilizationPercentage 150', { autoscaling: { targetCPUUtilizationPercentage: 150 } }, "at '/autoscaling/targetCPUUtilizationPercentage'"],
      ['a scale-down stabilization window over 3600 s', { autoscaling: { behavior: { scaleDown: { stabilizationWindowSeconds: 7200 } } } }, /at '\/autoscaling\/behavior\/scaleDown\/stabilizationWindowSeconds': maximum: got 7,?200, want 3,?600/],
      ['KEDA without triggers', { autoscaling: { keda: { enabled: true } } }, "at '/autoscaling/keda/triggers': minItems: got 0, want 1"],
      ['persistence without a storage class', { persistence: { enabled: true, storageClass: '' } }, "at '/persistence/storageClass': minLength: got 0, want 1"],
      ['an unknown access mode', { persistence: { accessModes: ['ReadWriteAll'] } }, "at '/persistence/accessModes/0'"],
      ['a persistence size that is not a quantity', { persistence: { size: '20 gigabytes' } }, "at '/persistence/size'"],
      ['an empty networkPolicy.ingress', { networkPolicy: { ingress: [] } }, "at '/networkPolicy/ingress': minItems: got 0, want 1"],
      ['an empty networkPolicy.egress', { networkPolicy: { egress: [] } }, "at '/networkPolicy/egress': minItems: got 0, want 1"],
      ['a security group policy without groups', { securityGroupPolicy: { enabled: true } }, "at '/securityGroupPolicy/groupIds': minItems: got 0, want 1"],
      ['a malformed security group id', { securityGroupPolicy: { enabled: true, groupIds: ['default'] } }, "at '/securityGroupPolicy/groupIds/0'"],
      ['an invalid env name', { env: { 'MY VAR': 'x' } }, "invalid propertyName 'MY VAR'"],
      ['a config file with a relative path', { configMap: { enabled: true, files: { 'etc/app.conf': 'x' } } }, "invalid propertyName 'etc/app.conf'"],
      ['a fullnameOverride with upper case', { fullnameOverride: 'Shop' }, "at '/fullnameOverride'"],
      ['strategy with maxUnavailable 0 and maxSurge 0', { strategy: { rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }, "at '/strategy/rollingUpdate': 'not' failed"],
    ];
    for (const [name, values, ...messages] of cases) {
      it.concurrent(name, async ({ expect }) => {
        await expectRejected(expect, values, ...messages);
      }, TIMEOUT);
    }
  });
});

describe('cross-field rules enforced with fail', () => {
  const cases: Array<[string, unknown, string]> = [
    ['maxReplicas equal to minReplicas', { autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 3 } }, 'autoscaling.maxReplicas (3) must be greater than autoscaling.minReplicas (3)'],
    ['KEDA maxReplicaCount below minReplicaCount', { autoscaling: { keda: { enabled: true, minReplicaCount: 4, maxReplicaCount: 3, triggers: [{ type: 'cpu', metadata: { value: '70' } }] } } }, 'autoscaling.keda.maxReplicaCount (3) must be greater than autoscaling.keda.minReplicaCount (4)'],
    ['preStop sleep as long as the grace period', { lifecycle: { preStop: { sleep: { seconds: 60 } } }, terminationGracePeriodSeconds: 60 }, 'lifecycle.preStop.sleep.seconds (60) must be less than terminationGracePeriodSeconds (60)'],
    ['minAvailable equal to replicas', { replicaCount: 3, podDisruptionBudget: { minAvailable: 3 } }, 'podDisruptionBudget.minAvailable (3) must be less than the replica count (3)'],
    ['minAvailable above the HPA minimum', { autoscaling: { enabled: true, minReplicas: 2 }, podDisruptionBudget: { minAvailable: 2 } }, 'podDisruptionBudget.minAvailable (2) must be less than the replica count (2)'],
    ['identical readiness and liveness tcpSocket probes', { readinessProbe: { tcpSocket: { port: 'http' } }, livenessProbe: { tcpSocket: { port: 'http' } } }, 'livenessProbe must differ from readinessProbe'],
    ['identical httpGet probes', { livenessProbe: { httpGet: { path: '/health', port: 'http' } } }, 'livenessProbe must differ from readinessProbe'],
    ['httpGet probes on two different named ports with the same path (kube-score compares IntValue)', { readinessProbe: { httpGet: { path: '/h', port: 'http' } }, livenessProbe: { httpGet: { path: '/h', port: 'admin' } }, containerPorts: { http: { containerPort: 8080 }, admin: { containerPort: 8081 } } }, 'livenessProbe must differ from readinessProbe'],
    ['a readiness probe without handler when there is no http port', { containerPorts: { mqtt: { containerPort: 1883 } }, service: { targetPort: 'mqtt' }, networkPolicy: { ingress: [{ ports: [{ port: 'mqtt' }] }] } }, "readinessProbe has no handler and containerPorts has no port named http"],
    ['a probe on an undeclared named port', { readinessProbe: { tcpSocket: { port: 'admin' } } }, "readinessProbe.tcpSocket.port 'admin' is not a container port (containerPorts: http)"],
    ['a Service targeting an undeclared port', { service: { targetPort: 'web' } }, "service.targetPort 'web' is not a container port (containerPorts: http)"],
    ['a NetworkPolicy rule for an undeclared port', { containerPorts: { web: { containerPort: 8080 } }, service: { targetPort: 'web' }, readinessProbe: { httpGet: { path: '/h', port: 'web' } }, livenessProbe: { tcpSocket: { port: 'web' } }, startupProbe: { enabled: false } }, "networkPolicy.ingress[0] allows port 'http', which is not a container port (containerPorts: web)"],
    ['an RWO volume shared by two Deployment replicas', { persistence: { enabled: true } }, 'cannot be shared by several Deployment replicas'],
    ['an existing RWO claim with two replicas', { workload: { kind: 'StatefulSet' }, persistence: { enabled: true, existingClaim: 'data-0' } }, 'persistence.existingClaim is a single ReadWriteOnce volume'],
    ['an Ingress without a Service', { ingress: { enabled: true }, service: { enabled: false } }, 'ingress.enabled needs service.enabled'],
  ];
  for (const [name, values, message] of cases) {
    it.concurrent(`rejects ${name}`, async ({ expect }) => {
      await expectRejected(expect, values, message);
    }, TIMEOUT);
  }

  it('accepts what those rules allow: maxReplicas > minReplicas, preStop < grace, minAvailable < replicas, RWX sharing', async ({ expect }) => {
    await expectAccepted(expect, {
      replicaCount: 3,
      autoscaling: { enabled: false },
      lifecycle: { preStop: { sleep: { seconds: 59 } } },
      terminationGracePeriodSeconds: 60,
      podDisruptionBudget: { minAvailable: 2 },
      persistence: { enabled: true, storageClass: 'efs-sc', accessModes: ['ReadWriteMany'] },
      readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
      livenessProbe: { httpGet: { path: '/live', port: 'http' } },
    });
  }, TIMEOUT);
});
