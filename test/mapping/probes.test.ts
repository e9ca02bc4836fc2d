import { describe, expect, it } from 'vitest';
import { matcherFitsKubernetes } from '../../src/mapping/probes.js';
import { estate } from '../helpers/estate-builder.js';
import { at, planOf } from './helpers.js';

describe('matchers Kubernetes can reproduce', () => {
  it.each([
    ['200', true],
    ['200,302', true],
    ['200-299', true],
    ['200-399', true],
    [undefined, true],
    ['200-499', false],
    ['401', false],
    ['200,429', false],
    ['0-99', false],
    ['abc', false],
  ])('%s → %s', (matcher, fits) => {
    expect(matcherFitsKubernetes(matcher)).toBe(fits);
  });
});

describe('probes', () => {
  const web = (hc: Parameters<ReturnType<typeof estate>['targetGroup']>[1] = {}) =>
    estate().asg('web', { desired: 2, targetGroups: ['web-tg'], gracePeriod: 420 }).targetGroup('web-tg', { port: 8080, ...hc }).alb('web-alb', { targetGroups: ['web-tg'] });

  it('derives readiness from an HTTP target group check, faster than the ALB, and a distinct liveness', async () => {
    const { plan } = await planOf(web({ healthCheck: { path: '/healthz', interval: 15, unhealthyThreshold: 3 } }), 'web');
    expect(plan.values.readinessProbe).toEqual({ httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3, successThreshold: 1 });
    expect(plan.values.livenessProbe).toEqual({ tcpSocket: { port: 'http' }, periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 6, successThreshold: 1 });
    expect(plan.provenance['readinessProbe.httpGet.path']).toMatchObject({ source: 'aws', field: 'HealthCheckPath' });
    expect(plan.provenance['readinessProbe.httpGet.path']?.resource?.name).toBe('web-tg');
  });

  it('sizes the startup probe from the group grace period, not initialDelaySeconds', async () => {
    const { plan } = await planOf(web({ healthCheck: { path: '/' } }), 'web');
    expect(plan.values.startupProbe).toMatchObject({ httpGet: { path: '/', port: 'http' }, periodSeconds: 10, failureThreshold: 42, successThreshold: 1 });
    expect(JSON.stringify(plan.values)).not.toContain('initialDelaySeconds');
    expect(plan.provenance['startupProbe.failureThreshold']).toMatchObject({ source: 'aws', field: 'HealthCheckGracePeriod' });
  });

  it('falls back to tcpSocket when the matcher accepts codes outside 200-399, and then leaves liveness out', async () => {
    const { plan } = await planOf(web({ healthCheck: { path: '/api', matcher: '200-499' } }), 'web');
    expect(at(plan.values, 'readinessProbe.tcpSocket.port')).toBe('http');
    expect(at(plan.values, 'readinessProbe.httpGet')).toBeUndefined();
    expect(plan.values.livenessProbe).toBeNull();
    expect(plan.warnings?.join(' ')).toMatch(/200-499.*200-399/);
    // The ALB keeps checking what it checked before.
    expect(at(plan.values, 'ingress', 'annotations', 'alb.ingress.kubernetes.io/success-codes')).toBe('200-499');
  });

  it('keeps an HTTPS check as an HTTPS httpGet', async () => {
    const { plan } = await planOf(web({ protocol: 'HTTPS', port: 8443, healthCheck: { path: '/ready' } }), 'web');
    expect(plan.values.readinessProbe).toMatchObject({ httpGet: { path: '/ready', port: 'https', scheme: 'HTTPS' } });
    expect(at(plan.values, 'ingress', 'annotations', 'alb.ingress.kubernetes.io/backend-protocol')).toBe('HTTPS');
  });

  it('uses tcpSocket for an NLB TCP check', async () => {
    const e = estate().asg('mq', { desired: 2, targetGroups: ['mq-tg'] }).targetGroup('mq-tg', { protocol: 'TCP', port: 5672 }).nlb('mq-nlb', { targetGroups: ['mq-tg'] });
    const { plan } = await planOf(e, 'mq');
    expect(plan.values.readinessProbe).toMatchObject({ tcpSocket: { port: 'tcp' } });
    expect(plan.values.livenessProbe).toBeNull();
  });

  it('checks a separate health port on its own container port', async () => {
    const { plan } = await planOf(web({ healthCheck: { path: '/status', port: '9090' } }), 'web');
    expect(at(plan.values, 'containerPorts.health.containerPort')).toBe(9090);
    expect(plan.values.readinessProbe).toMatchObject({ httpGet: { path: '/status', port: 'health' } });
    expect(plan.values.livenessProbe).toMatchObject({ tcpSocket: { port: 'http' } });
    expect(at(plan.values, 'ingress', 'annotations', 'alb.ingress.kubernetes.io/healthcheck-port')).toBe('9090');
  });

  it('parses a classic ELB target (HTTP:port/path) against the instance port', async () => {
    const e = estate()
      .instance('legacy-1', { zone: 'us-east-1a', classicLoadBalancers: ['legacy-elb'] })
      .instance('legacy-2', { zone: 'us-east-1a', classicLoadBalancers: ['legacy-elb'] })
      .clb('legacy-elb', { listeners: [{ port: 80, instancePort: 8000 }], healthCheckTarget: 'HTTP:8000/index.html' });
    const { plan, model } = await planOf(e, 'legacy');
    expect(plan.values.readinessProbe).toMatchObject({ httpGet: { path: '/index.html', port: 'http' }, periodSeconds: 10, failureThreshold: 2 });
    expect(plan.provenance['readinessProbe.httpGet.path']).toMatchObject({ field: 'HealthCheck.Target' });
    expect(model.workloads).toHaveLength(1);
  });

  it('turns a classic SSL/TCP target into tcpSocket', async () => {
    const e = estate()
      .instance('ldap-1', { classicLoadBalancers: ['ldap-elb'] })
      .instance('ldap-2', { zone: 'us-east-1b', classicLoadBalancers: ['ldap-elb'] })
      .clb('ldap-elb', { listeners: [{ port: 636, instancePort: 1636, protocol: 'SSL' }], healthCheckTarget: 'SSL:1636' });
    const { plan } = await planOf(e, 'ldap');
    expect(plan.values.readinessProbe).toMatchObject({ tcpSocket: { port: 'tcp' } });
  });

  it('without a load balancer uses the known application\'s endpoints, or the port', async () => {
    const e = estate().instance('prometheus', { ports: [9090] }).instance('worker', {});
    const prom = await planOf(e, 'prometheus');
    expect(prom.plan.values.readinessProbe).toMatchObject({ httpGet: { path: '/-/ready', port: 'http' } });
    expect(prom.plan.values.livenessProbe).toMatchObject({ httpGet: { path: '/-/healthy', port: 'http' } });
    const worker = await planOf(e, 'worker');
    expect(worker.plan.values.readinessProbe).toMatchObject({ tcpSocket: { port: 'tcp' } });
  });
});
