// Unit tests of the pure HA-bar check (test-support/ha-bar.ts) and of the offline manifest validator
// (test-support/k8s-validate.ts): every rule must fire on a manifest set that breaks it.
import { describe, expect, it } from 'vitest';
import { checkHaBar, probesIdentical, selectorMatches } from '../../test-support/ha-bar.js';
import { parseManifests, validateManifests } from '../../test-support/k8s-validate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- deep, test-only access into rendered manifests
type Obj = Record<string, any>;

const LABELS = { 'app.kubernetes.io/name': 'kubelift-app', 'app.kubernetes.io/instance': 'web' };

/** A Deployment + Service + PDB + NetworkPolicy that clears the bar. */
function good(): Obj[] {
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'prod' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { ...LABELS } },
        template: {
          metadata: { labels: { ...LABELS } },
          spec: {
            terminationGracePeriodSeconds: 60,
            containers: [
              {
                name: 'app',
                image: 'repo/web:1.0',
                ports: [{ name: 'http', containerPort: 8080 }],
                readinessProbe: { httpGet: { path: '/health', port: 'http' }, periodSeconds: 10 },
                livenessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 30 },
                lifecycle: { preStop: { sleep: { seconds: 20 } } },
              },
            ],
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { ...LABELS } } } },
                ],
              },
            },
            topologySpreadConstraints: [
              { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { ...LABELS } } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'prod' },
      spec: { selector: { ...LABELS }, ports: [{ port: 80, targetPort: 'http' }] },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'prod' },
      spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: { ...LABELS } } },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web', namespace: 'prod' },
      spec: {
        podSelector: {
          matchLabels: { 'app.kubernetes.io/instance': 'web' },
          matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['kubelift-app'] }],
        },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ ports: [{ port: 'http' }] }],
        egress: [{}],
      },
    },
  ];
}

const by = (docs: Obj[], kind: string): Obj => docs.find((d) => d.kind === kind) as Obj;
const pod = (docs: Obj[]): Obj => by(docs, 'Deployment').spec.template.spec;
const app = (docs: Obj[]): Obj => pod(docs).containers[0];

function violations(mutate: (docs: Obj[]) => void, opts: Parameters<typeof checkHaBar>[1] = { expectReplicable: true }): string[] {
  const docs = good();
  mutate(docs);
  return checkHaBar(docs, opts);
}

describe('checkHaBar', () => {
  it('passes the baseline', () => {
    expect(checkHaBar(good(), { expectReplicable: true })).toEqual([]);
    expect(checkHaBar(good(), { expectReplicable: true, deregistrationDelaySeconds: 60, readiness: { path: '/health', port: 8080 } })).toEqual([]);
  });

  it('reports an empty manifest list', () => {
    expect(checkHaBar([], { expectReplicable: true })).toEqual(['no Deployment or StatefulSet found in the manifests']);
  });

  const cases: Array<[string, (docs: Obj[]) => void, RegExp, Parameters<typeof checkHaBar>[1]?]> = [
    ['one replica', (d) => (by(d, 'Deployment').spec.replicas = 1), /needs at least 2 pods, but replicas is 1/],
    ['no replicas field (defaults to 1)', (d) => delete by(d, 'Deployment').spec.replicas, /replicas is unset \(1\)/],
    ['missing PDB', (d) => d.splice(d.indexOf(by(d, 'PodDisruptionBudget')), 1), /no PodDisruptionBudget in namespace prod selects its pods/],
    ['PDB with a selector that misses the pods', (d) => (by(d, 'PodDisruptionBudget').spec.selector = { matchLabels: { app: 'other' } }), /PodDisruptionBudget\/web has a selector that does not match/],
    ['PDB in another namespace', (d) => (by(d, 'PodDisruptionBudget').metadata.namespace = 'other'), /no PodDisruptionBudget in namespace prod/],
    ['PDB without unhealthyPodEvictionPolicy', (d) => delete by(d, 'PodDisruptionBudget').spec.unhealthyPodEvictionPolicy, /unhealthyPodEvictionPolicy is not set/],
    ['PDB maxUnavailable 0', (d) => (by(d, 'PodDisruptionBudget').spec.maxUnavailable = 0), /maxUnavailable 0 blocks every voluntary eviction/],
    ['PDB maxUnavailable 0%', (d) => (by(d, 'PodDisruptionBudget').spec.maxUnavailable = '0%'), /maxUnavailable 0% blocks/],
    ['PDB maxUnavailable equal to replicas', (d) => (by(d, 'PodDisruptionBudget').spec.maxUnavailable = 2), /lets all 2 pods be evicted at once/],
    ['PDB without a policy', (d) => delete by(d, 'PodDisruptionBudget').spec.maxUnavailable, /neither maxUnavailable nor minAvailable is set/],
    [
      'PDB minAvailable equal to replicas',
      (d) => {
        const s = by(d, 'PodDisruptionBudget').spec;
        delete s.maxUnavailable;
        s.minAvailable = 2;
      },
      /minAvailable 2 >= 2 replicas blocks every voluntary eviction/,
    ],
    [
      'PDB minAvailable 100%',
      (d) => {
        const s = by(d, 'PodDisruptionBudget').spec;
        delete s.maxUnavailable;
        s.minAvailable = '100%';
      },
      /minAvailable 100% blocks every voluntary eviction/,
    ],
    ['no zone spread', (d) => (pod(d).topologySpreadConstraints = []), /no topologySpreadConstraint on topology.kubernetes.io\/zone/],
    ['zone spread on the hostname only', (d) => (pod(d).topologySpreadConstraints[0].topologyKey = 'kubernetes.io/hostname'), /no topologySpreadConstraint on topology.kubernetes.io\/zone/],
    ['zone spread without labelSelector', (d) => delete pod(d).topologySpreadConstraints[0].labelSelector, /has no labelSelector matching the pod labels/],
    ['zone spread with minDomains and ScheduleAnyway', (d) => (pod(d).topologySpreadConstraints[0].minDomains = 3), /sets minDomains without whenUnsatisfiable DoNotSchedule/],
    ['no anti-affinity (spread only)', (d) => delete pod(d).affinity, /no podAntiAffinity on kubernetes.io\/hostname/],
    [
      'zone anti-affinity only',
      (d) => (pod(d).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey = 'topology.kubernetes.io/zone'),
      /no podAntiAffinity on kubernetes.io\/hostname/,
    ],
    [
      'anti-affinity selecting other pods',
      (d) => (pod(d).affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.labelSelector = { matchLabels: { app: 'x' } }),
      /podAntiAffinity term's labelSelector does not match/,
    ],
    ['no readiness probe', (d) => delete app(d).readinessProbe, /container app: no readinessProbe/],
    ['liveness identical to readiness (httpGet)', (d) => (app(d).livenessProbe = { httpGet: { path: '/health', port: 'http' }, periodSeconds: 30 }), /livenessProbe is identical to readinessProbe/],
    [
      'liveness identical to readiness (tcpSocket)',
      (d) => {
        app(d).readinessProbe = { tcpSocket: { port: 'http' } };
      },
      /livenessProbe is identical to readinessProbe/,
    ],
    [
      'httpGet probes on different named ports (kube-score IntValue semantics)',
      (d) => (app(d).livenessProbe = { httpGet: { path: '/health', port: 'admin' } }),
      /livenessProbe is identical to readinessProbe/,
    ],
    ['no preStop behind a Service', (d) => delete app(d).lifecycle, /no lifecycle.preStop/],
    ['a preStop sleep that is too short', (d) => (app(d).lifecycle.preStop.sleep.seconds = 2), /preStop sleep 2s is shorter than 5s/],
    ['a grace period shorter than preStop + drain', (d) => (pod(d).terminationGracePeriodSeconds = 22), /terminationGracePeriodSeconds 22 < preStop sleep 20 \+ drain 5/],
    ['the default 30 s grace with a 30 s preStop', (d) => { delete pod(d).terminationGracePeriodSeconds; app(d).lifecycle.preStop.sleep.seconds = 30; }, /terminationGracePeriodSeconds 30 < preStop sleep 30/],
    ['a grace period shorter than the deregistration delay', () => {}, /terminationGracePeriodSeconds 60 < load balancer deregistration delay 90/, { expectReplicable: true, deregistrationDelaySeconds: 90 }],
    ['a readiness path that differs from the ELB health check', () => {}, /readinessProbe path is \/health, expected \/status/, { expectReplicable: true, readiness: { path: '/status' } }],
    ['a readiness port that differs from the ELB health check', () => {}, /readinessProbe port http \(8080\) does not match expected 9090/, { expectReplicable: true, readiness: { port: 9090 } }],
    ['a readiness handler that differs from the ELB health check', () => {}, /readinessProbe uses httpGet, expected tcpSocket/, { expectReplicable: true, readiness: { handler: 'tcpSocket' } }],
    [
      'spec.replicas with an HPA',
      (d) =>
        d.push({
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: 'web', namespace: 'prod' },
          spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5 },
        }),
      /sets spec.replicas while targeted by HorizontalPodAutoscaler\/web/,
    ],
    [
      'an HPA with minReplicas 1',
      (d) => {
        delete by(d, 'Deployment').spec.replicas;
        d.push({
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: 'web', namespace: 'prod' },
          spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5 },
        });
      },
      /HorizontalPodAutoscaler\/web minReplicas is 1/,
    ],
    [
      'an HPA with maxReplicas == minReplicas',
      (d) => {
        delete by(d, 'Deployment').spec.replicas;
        d.push({
          apiVersion: 'autoscaling/v2',
          kind: 'HorizontalPodAutoscaler',
          metadata: { name: 'web', namespace: 'prod' },
          spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 3, maxReplicas: 3 },
        });
      },
      /maxReplicas \(3\) must be greater than minReplicas \(3\)/,
    ],
    [
      'spec.replicas with a KEDA ScaledObject',
      (d) =>
        d.push({
          apiVersion: 'keda.sh/v1alpha1',
          kind: 'ScaledObject',
          metadata: { name: 'web', namespace: 'prod' },
          spec: { scaleTargetRef: { name: 'web' }, minReplicaCount: 2, maxReplicaCount: 5, triggers: [{ type: 'cpu', metadata: { value: '70' } }] },
        }),
      /sets spec.replicas while targeted by ScaledObject\/web/,
    ],
    [
      'a NetworkPolicy with two matchLabels labels (Polaris oneOf trap)',
      (d) => {
        const np = by(d, 'NetworkPolicy');
        np.spec.podSelector = { matchLabels: { ...LABELS } };
      },
      /podSelector.matchLabels has 2 labels/,
    ],
    [
      'a NetworkPolicy with only matchExpressions',
      (d) => {
        const np = by(d, 'NetworkPolicy');
        np.spec.podSelector = { matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: ['web'] }] };
      },
      /podSelector.matchLabels has 0 labels/,
    ],
    ['a NetworkPolicy with one policy type', (d) => (by(d, 'NetworkPolicy').spec.policyTypes = ['Ingress']), /policyTypes must list both Ingress and Egress/],
    ['a NetworkPolicy without ingress rules', (d) => (by(d, 'NetworkPolicy').spec.ingress = []), /no ingress rules/],
    ['a NetworkPolicy without egress rules', (d) => delete by(d, 'NetworkPolicy').spec.egress, /no egress rules/],
    ['a NetworkPolicy that selects nothing', (d) => (by(d, 'NetworkPolicy').spec.podSelector = { matchLabels: { 'app.kubernetes.io/instance': 'api' } }), /NetworkPolicy\/web: podSelector selects no pod/],
    ['a selector that does not match the template', (d) => (by(d, 'Deployment').spec.selector = { matchLabels: { app: 'x' } }), /spec.selector does not match the pod template labels/],
  ];
  for (const [name, mutate, expected, opts] of cases) {
    it(`reports ${name}`, () => {
      const v = violations(mutate, opts);
      expect(v.join('\n')).toMatch(expected);
    });
  }

  describe('singletons', () => {
    const singleton = (): Obj[] => {
      const d = good();
      by(d, 'Deployment').spec.replicas = 1;
      return d;
    };
    it('accept one replica without spread or anti-affinity', () => {
      const d = singleton();
      delete pod(d).affinity;
      delete pod(d).topologySpreadConstraints;
      d.splice(d.indexOf(by(d, 'PodDisruptionBudget')), 1);
      expect(checkHaBar(d, { expectReplicable: false })).toEqual([]);
    });
    it('report more than one replica', () => {
      const d = singleton();
      by(d, 'Deployment').spec.replicas = 2;
      expect(checkHaBar(d, { expectReplicable: false }).join('\n')).toMatch(/a singleton must run exactly 1 pod/);
    });
    it('report a PDB that blocks node drains', () => {
      const d = singleton();
      const s = by(d, 'PodDisruptionBudget').spec;
      delete s.maxUnavailable;
      s.minAvailable = 1;
      expect(checkHaBar(d, { expectReplicable: false }).join('\n')).toMatch(/minAvailable 1 >= 1 replicas blocks every voluntary eviction/);
    });
    it('report an autoscaler', () => {
      const d = singleton();
      delete by(d, 'Deployment').spec.replicas;
      d.push({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'prod' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 2 } });
      expect(checkHaBar(d, { expectReplicable: false }).join('\n')).toMatch(/a singleton must not be autoscaled/);
    });
  });

  it('is pure: it does not modify its input', () => {
    const d = good();
    const before = JSON.stringify(d);
    checkHaBar(d, { expectReplicable: true, deregistrationDelaySeconds: 10 });
    expect(JSON.stringify(d)).toBe(before);
  });
});

describe('selectorMatches', () => {
  const labels = { a: '1', b: '2' };
  it.each([
    [{ matchLabels: { a: '1' } }, true],
    [{ matchLabels: { a: '2' } }, false],
    [{ matchExpressions: [{ key: 'b', operator: 'In', values: ['2', '3'] }] }, true],
    [{ matchExpressions: [{ key: 'b', operator: 'NotIn', values: ['2'] }] }, false],
    [{ matchExpressions: [{ key: 'c', operator: 'DoesNotExist' }] }, true],
    [{ matchExpressions: [{ key: 'c', operator: 'Exists' }] }, false],
    [{}, true],
    [undefined, false],
  ])('%j -> %s', (selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });
});

describe('probesIdentical (kube-score pod-probes-identical)', () => {
  it.each([
    [{ httpGet: { path: '/h', port: 8080 } }, { httpGet: { path: '/h', port: 8080 } }, true],
    [{ httpGet: { path: '/h', port: 8080 } }, { httpGet: { path: '/l', port: 8080 } }, false],
    [{ httpGet: { path: '/h', port: 'http' } }, { httpGet: { path: '/h', port: 'admin' } }, true],
    [{ httpGet: { path: '/h', port: '8080' } }, { httpGet: { path: '/h', port: 8080 } }, true],
    [{ tcpSocket: { port: 'http' } }, { tcpSocket: { port: 'http' } }, true],
    [{ tcpSocket: { port: 'http' } }, { tcpSocket: { port: 8080 } }, false],
    [{ httpGet: { path: '/h', port: 'http' } }, { tcpSocket: { port: 'http' } }, false],
    [{ exec: { command: ['a', 'b'] } }, { exec: { command: ['a', 'b'] } }, true],
    [{ exec: { command: ['a', 'b'] } }, { exec: { command: ['a'] } }, false],
    [{ grpc: { port: 9000 } }, { grpc: { port: 9000 } }, true],
    [{ httpGet: { path: '/h', port: 8080 } }, undefined, false],
  ])('%j vs %j -> %s', (r, l, expected) => {
    expect(probesIdentical(r, l)).toBe(expected);
  });
});

describe('validateManifests', () => {
  const deployment = (patch: (d: Obj) => void = () => {}): string => {
    const d = good();
    patch(d[0] as Obj);
    return d.map((o) => JSON.stringify(o)).join('\n---\n');
  };

  it('accepts valid manifests', async () => {
    expect(await validateManifests(deployment())).toEqual([]);
  });

  it.each([
    ['a string replica count', (d: Obj) => (d.spec.replicas = '2'), /Deployment\/web: .*replicas must be integer/],
    ['a bad cpu quantity', (d: Obj) => (d.spec.template.spec.containers[0].resources = { limits: { cpu: '2 cores' } }), /Deployment\/web: .*cpu must match format "quantity"/],
    ['a missing selector', (d: Obj) => delete d.spec.selector, /Deployment\/web: .*must have required property '?selector'?/],
    ['a bad imagePullPolicy', (d: Obj) => (d.spec.template.spec.containers[0].imagePullPolicy = 'Sometimes'), /Deployment\/web: .*imagePullPolicy must be equal to one of the allowed values/],
    ['an invalid object name', (d: Obj) => (d.metadata.name = 'Web_1'), /Deployment\/Web_1: metadata.name "Web_1" is not a DNS subdomain/],
    ['a non-string annotation', (d: Obj) => (d.metadata.annotations = { 'kubelift/n': 30 }), /metadata.annotations\["kubelift\/n"\] must be a string/],
    ['a bad label value', (d: Obj) => (d.metadata.labels = { team: 'shop web' }), /metadata.labels\["team"\] value "shop web" is not a valid label value/],
    ['a bad pod label key', (d: Obj) => (d.spec.template.metadata.labels['bad key'] = 'x'), /spec.template.metadata.labels key "bad key" is not a qualified name/],
  ])('reports %s', async (_name, patch, expected) => {
    const problems = await validateManifests(deployment(patch));
    expect(problems.join('\n')).toMatch(expected);
  });

  it('reports unknown kinds as having no schema', async () => {
    const problems = await validateManifests('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
    expect(problems).toEqual(['Widget/w: no schema for example.com/v1 Widget']);
  });

  it('reports YAML syntax errors', async () => {
    const problems = await validateManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x\n');
    expect(problems[0]).toMatch(/YAML error/);
  });

  it('checks KEDA ScaledObjects locally', async () => {
    const ok = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { name: 'web' }, minReplicaCount: 2, maxReplicaCount: 6, triggers: [{ type: 'cron', metadata: { start: '0 7 * * *', end: '0 19 * * *', timezone: 'UTC', desiredReplicas: '4' } }] },
    };
    expect(await validateManifests(JSON.stringify(ok))).toEqual([]);
    const bad = { ...ok, spec: { minReplicaCount: 7, maxReplicaCount: 6, triggers: [{ type: 'cron', metadata: { desiredReplicas: 4 } }] } };
    expect(await validateManifests(JSON.stringify(bad))).toEqual([
      'ScaledObject/web: spec.scaleTargetRef.name is required',
      'ScaledObject/web: spec.minReplicaCount must not exceed spec.maxReplicaCount',
      'ScaledObject/web: spec.triggers[0].metadata.desiredReplicas must be a string',
    ]);
  });

  it('checks SecurityGroupPolicies locally', async () => {
    const sgp = { apiVersion: 'vpcresources.k8s.aws/v1beta1', kind: 'SecurityGroupPolicy', metadata: { name: 'web' }, spec: { securityGroups: { groupIds: ['default'] } } };
    expect(await validateManifests(JSON.stringify(sgp))).toEqual([
      'SecurityGroupPolicy/web: spec.podSelector or spec.serviceAccountSelector is required',
      'SecurityGroupPolicy/web: spec.securityGroups.groupIds must be security group ids (sg-...)',
    ]);
  });

  it('parseManifests skips empty documents', () => {
    expect(parseManifests('---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n')).toHaveLength(1);
  });
});
