/** ELBv2 building blocks: target groups, load balancers with a listener and rules, registrations. */
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
  type ProtocolEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { SeedClients } from './clients.js';

export interface TargetGroupOptions {
  name: string;
  vpcId: string;
  port?: number;
  protocol?: ProtocolEnum;
  healthCheckPath?: string;
  /** HTTP codes, e.g. "200" or "200-399". */
  matcher?: string;
  healthyThreshold?: number;
  deregistrationDelaySeconds?: number;
  tags?: Record<string, string>;
}

export async function seedTargetGroup(c: SeedClients, options: TargetGroupOptions): Promise<string> {
  const protocol = options.protocol ?? 'HTTP';
  const isHttp = protocol === 'HTTP' || protocol === 'HTTPS';
  const out = await c.elbv2.send(
    new CreateTargetGroupCommand({
      Name: options.name,
      VpcId: options.vpcId,
      Port: options.port ?? 80,
      Protocol: protocol,
      TargetType: 'instance',
      HealthCheckProtocol: isHttp ? protocol : 'TCP',
      ...(isHttp ? { HealthCheckPath: options.healthCheckPath ?? '/health', Matcher: { HttpCode: options.matcher ?? '200' } } : {}),
      HealthCheckIntervalSeconds: 15,
      HealthyThresholdCount: options.healthyThreshold ?? 3,
      Tags: options.tags ? Object.entries(options.tags).map(([Key, Value]) => ({ Key, Value })) : undefined,
    }),
  );
  const arn = out.TargetGroups![0]!.TargetGroupArn!;
  if (options.deregistrationDelaySeconds !== undefined) {
    await c.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: String(options.deregistrationDelaySeconds) }] }));
  }
  return arn;
}

export interface LoadBalancerOptions {
  name: string;
  subnetIds: string[];
  securityGroupIds?: string[];
  type?: 'application' | 'network';
  scheme?: 'internet-facing' | 'internal';
  /** Forward to this target group from one listener. */
  listener: { port: number; protocol?: ProtocolEnum; targetGroupArn: string };
  /** Path-pattern rules on the listener, each forwarding to a target group. */
  rules?: { priority: number; pathPattern: string; targetGroupArn: string }[];
  crossZone?: boolean;
  tags?: Record<string, string>;
}

export async function seedLoadBalancer(c: SeedClients, options: LoadBalancerOptions): Promise<{ loadBalancerArn: string; listenerArn: string; ruleArns: string[] }> {
  const type = options.type ?? 'application';
  const lb = await c.elbv2.send(
    new CreateLoadBalancerCommand({
      Name: options.name,
      Subnets: options.subnetIds,
      SecurityGroups: type === 'application' ? options.securityGroupIds : undefined,
      Scheme: options.scheme ?? 'internet-facing',
      Type: type,
      Tags: options.tags ? Object.entries(options.tags).map(([Key, Value]) => ({ Key, Value })) : undefined,
    }),
  );
  const loadBalancerArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
  if (options.crossZone !== undefined) {
    await c.elbv2.send(new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: loadBalancerArn, Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: String(options.crossZone) }] }));
  }
  const listener = await c.elbv2.send(
    new CreateListenerCommand({
      LoadBalancerArn: loadBalancerArn,
      Port: options.listener.port,
      Protocol: options.listener.protocol ?? (type === 'application' ? 'HTTP' : 'TCP'),
      DefaultActions: [{ Type: 'forward', TargetGroupArn: options.listener.targetGroupArn }],
    }),
  );
  const listenerArn = listener.Listeners![0]!.ListenerArn!;
  const ruleArns: string[] = [];
  for (const rule of options.rules ?? []) {
    const out = await c.elbv2.send(
      new CreateRuleCommand({
        ListenerArn: listenerArn,
        Priority: rule.priority,
        Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [rule.pathPattern] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: rule.targetGroupArn }],
      }),
    );
    ruleArns.push(out.Rules![0]!.RuleArn!);
  }
  return { loadBalancerArn, listenerArn, ruleArns };
}

export async function registerTargets(c: SeedClients, targetGroupArn: string, instanceIds: string[]): Promise<void> {
  await c.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: instanceIds.map((Id) => ({ Id })) }));
}
