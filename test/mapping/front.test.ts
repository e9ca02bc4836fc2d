import { describe, expect, it } from 'vitest';
import { estate } from '../helpers/estate-builder.js';
import { at, planOf } from './helpers.js';

const ann = (values: Record<string, unknown>, key: string) => at(values, 'ingress', 'annotations', `alb.ingress.kubernetes.io/${key}`);
const svc = (values: Record<string, unknown>, key: string) => at(values, 'service', 'annotations', `service.beta.kubernetes.io/${key}`);

describe('service and ingress', () => {
  it('ALB → Ingress with the LBC annotations, hosts and paths from listener rules, and a ClusterIP Service', async () => {
    const e = estate()
      .asg('shop', { desired: 2, targetGroups: ['shop-tg'] })
      .targetGroup('shop-tg', { port: 8080, healthCheck: { path: '/health' }, attributes: { 'deregistration_delay.timeout_seconds': '45', 'stickiness.enabled': 'true', 'stickiness.type': 'lb_cookie' } })
      .targetGroup('other-tg', { port: 9000 })
      .alb('front', { scheme: 'internal', listeners: [{ port: 443, protocol: 'HTTPS', forward: 'other-tg', rules: ['shop-tg'] }] })
      .patch('front', (lb) => void (lb.Attributes = [{ Key: 'idle_timeout.timeout_seconds', Value: '120' }]));
    const s = e.build();
    const listener = s.resources['AWS::ElasticLoadBalancingV2::Listener']![0]!;
    listener.Certificates = [{ CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }];
    listener.SslPolicy = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
    const rule = s.resources['AWS::ElasticLoadBalancingV2::ListenerRule']![0]!;
    rule.Conditions = [{ Field: 'host-header', HostHeaderConfig: { Values: ['shop.example.com'] } }, { Field: 'path-pattern', PathPatternConfig: { Values: ['/cart/*', '/checkout'] } }, { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Beta', Values: ['1'] } }];
    const { plan } = await planOf(s, 'shop');
    expect(at(plan.values, 'ingress.enabled')).toBe(true);
    expect(ann(plan.values, 'scheme')).toBe('internal');
    expect(ann(plan.values, 'target-type')).toBe('ip');
    expect(ann(plan.values, 'listen-ports')).toBe('[{"HTTPS":443}]');
    expect(ann(plan.values, 'certificate-arn')).toBe('arn:aws:acm:us-east-1:123456789012:certificate/abc');
    expect(ann(plan.values, 'ssl-policy')).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
    expect(ann(plan.values, 'healthcheck-path')).toBe('/health');
    expect(ann(plan.values, 'target-group-attributes')).toBe('deregistration_delay.timeout_seconds=45,stickiness.enabled=true,stickiness.type=lb_cookie');
    expect(ann(plan.values, 'load-balancer-attributes')).toBe('idle_timeout.timeout_seconds=120');
    expect(at(plan.values, 'ingress.hosts')).toEqual([{ host: 'shop.example.com', paths: [{ path: '/cart', pathType: 'Prefix' }, { path: '/checkout', pathType: 'Exact' }] }]);
    expect(at(plan.values, 'service')).toMatchObject({ type: 'ClusterIP', port: 8080, targetPort: 'http' });
    expect(plan.warnings?.join(' ')).toMatch(/http-header/);
    expect(plan.warnings?.join(' ')).toMatch(/sticky sessions/);
    // Every annotation value is a string (annotations are map[string]string).
    for (const v of Object.values(at(plan.values, 'ingress.annotations') as object)) expect(typeof v).toBe('string');
  });

  it('NLB → LoadBalancer Service for the load balancer controller, with the health check and cross-zone on', async () => {
    const e = estate().asg('mq', { desired: 2, targetGroups: ['mq-tg'] }).targetGroup('mq-tg', { protocol: 'TCP', port: 5672 }).nlb('mq-nlb', { scheme: 'internal', listeners: [{ port: 5672, protocol: 'TCP', forward: 'mq-tg' }] });
    const { plan } = await planOf(e, 'mq');
    expect(at(plan.values, 'ingress.enabled')).toBe(false);
    expect(at(plan.values, 'service')).toMatchObject({ type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb', port: 5672, portName: 'tcp', targetPort: 'tcp' });
    expect(svc(plan.values, 'aws-load-balancer-nlb-target-type')).toBe('ip');
    expect(svc(plan.values, 'aws-load-balancer-scheme')).toBe('internal');
    expect(svc(plan.values, 'aws-load-balancer-healthcheck-protocol')).toBe('tcp');
    expect(svc(plan.values, 'aws-load-balancer-attributes')).toBe('load_balancing.cross_zone.enabled=true');
    expect(svc(plan.values, 'aws-load-balancer-target-group-attributes')).toBe('deregistration_delay.timeout_seconds=300');
  });

  it('classic ELB with HTTP listeners → ALB Ingress; with TCP listeners → NLB Service', async () => {
    const http = estate()
      .instance('site-1', { classicLoadBalancers: ['site-elb'] })
      .instance('site-2', { zone: 'us-east-1b', classicLoadBalancers: ['site-elb'] })
      .clb('site-elb', { listeners: [{ port: 80, instancePort: 8080 }], healthCheckTarget: 'HTTP:8080/ping' });
    const a = await planOf(http, 'site');
    expect(at(a.plan.values, 'ingress.enabled')).toBe(true);
    expect(ann(a.plan.values, 'listen-ports')).toBe('[{"HTTP":80}]');
    expect(ann(a.plan.values, 'success-codes')).toBe('200');
    expect(ann(a.plan.values, 'target-group-attributes')).toBe('deregistration_delay.timeout_seconds=300');
    expect(a.plan.provenance['ingress.annotations["alb.ingress.kubernetes.io/healthcheck-path"]']).toMatchObject({ field: 'HealthCheck.Target' });

    const tcp = estate()
      .instance('db-1', { classicLoadBalancers: ['db-elb'] })
      .instance('db-2', { zone: 'us-east-1b', classicLoadBalancers: ['db-elb'] })
      .clb('db-elb', { listeners: [{ port: 3306, instancePort: 3306, protocol: 'TCP' }], healthCheckTarget: 'TCP:3306', connectionDraining: false });
    const b = await planOf(tcp, 'db', { detect: false });
    expect(at(b.plan.values, 'ingress.enabled')).toBe(false);
    expect(at(b.plan.values, 'service')).toMatchObject({ type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb', port: 3306 });
    expect(svc(b.plan.values, 'aws-load-balancer-target-group-attributes')).toBe('deregistration_delay.timeout_seconds=0');
  });

  it('no load balancer → a ClusterIP Service on the port the application served', async () => {
    const { plan } = await planOf(estate().instance('cache', { ports: [22, 11211] }), 'cache', { detect: false });
    expect(at(plan.values, 'ingress.enabled')).toBe(false);
    expect(at(plan.values, 'service')).toMatchObject({ type: 'ClusterIP', port: 11211, portName: 'tcp' });
    expect(at(plan.values, 'containerPorts.tcp.containerPort')).toBe(11211);
  });

  it('an instance reached at an Elastic IP gets an internet-facing load balancer and a task to move clients', async () => {
    const { plan } = await planOf(estate().instance('portal', { eip: true, ports: [22, 80, 443] }), 'portal', { detect: false });
    expect(ann(plan.values, 'scheme')).toBe('internet-facing');
    expect(ann(plan.values, 'listen-ports')).toBe('[{"HTTP":80}]');
    // The privileged port moves to 8080 in the container; the Service keeps 80.
    expect(at(plan.values, 'containerPorts.http.containerPort')).toBe(8080);
    expect(at(plan.values, 'service.port')).toBe(80);
    expect(plan.tasks?.map((t) => t.id)).toEqual(expect.arrayContaining(['elastic-ip', 'tls-certificate', 'port-shift']));
    // A new load balancer gets a short deregistration delay the pods are sized for.
    expect(ann(plan.values, 'target-group-attributes')).toBe('deregistration_delay.timeout_seconds=30');
    expect(at(plan.values, 'lifecycle.preStop.sleep.seconds')).toBe(30);
    expect(plan.values.terminationGracePeriodSeconds).toBe(40);
    const redash = await planOf(estate().instance('redash', { eip: true, ports: [80] }), 'redash');
    expect(ann(redash.plan.values, 'healthcheck-path')).toBe('/ping');
  });

  it('plan.yaml decides the ingress class', async () => {
    const e = estate().asg('web', { desired: 2, targetGroups: ['web-tg'] }).targetGroup('web-tg').alb('web-alb', { targetGroups: ['web-tg'] });
    expect(at((await planOf(e, 'web', { defaults: { ingressClass: 'internal-alb' } })).plan.values, 'ingress.className')).toBe('internal-alb');
    const decided = await planOf(e, 'web', { decision: { ingressClass: 'public' }, defaults: { ingressClass: 'internal-alb' } });
    expect(at(decided.plan.values, 'ingress.className')).toBe('public');
    expect(decided.plan.provenance['ingress.className']).toMatchObject({ source: 'decision' });
  });
});

describe('further ports', () => {
  it('a second target group and a known application\'s extra ports become container and Service ports', async () => {
    const e = estate()
      .asg('orders', { desired: 2, targetGroups: ['orders-http', 'orders-grpc'] })
      .targetGroup('orders-http', { port: 8080, healthCheck: { path: '/health' } })
      .targetGroup('orders-grpc', { protocol: 'TCP', port: 50051 })
      .alb('orders-alb', { targetGroups: ['orders-http'] })
      .nlb('orders-nlb', { targetGroups: ['orders-grpc'] });
    const { plan } = await planOf(e, 'orders', { detect: false });
    expect(at(plan.values, 'containerPorts')).toEqual({ http: { containerPort: 8080, protocol: 'TCP' }, 'tcp-50051': { containerPort: 50051, protocol: 'TCP' } });
    expect(at(plan.values, 'service.extraPorts')).toEqual([{ name: 'tcp-50051', port: 50051, targetPort: 'tcp-50051', protocol: 'TCP' }]);
    expect(plan.warnings?.join(' ')).toMatch(/2 target groups/);

    const jenkins = await planOf(estate().instance('jenkins', { ports: [22, 8080, 50000] }), 'jenkins');
    expect(at(jenkins.plan.values, 'containerPorts.agent.containerPort')).toBe(50000);
    const rules = at(jenkins.plan.values, 'networkPolicy.ingress') as { ports?: { port: string }[] }[];
    expect(rules.flatMap((r) => r.ports ?? []).map((p) => p.port).sort()).toEqual(['agent', 'http']);
    expect(jenkins.plan.warnings?.join(' ')).toMatch(/tcp\/22.*SSH has no place in a pod/);
  });
});
