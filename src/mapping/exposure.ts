/**
 * How clients reach the workload on Kubernetes: through an ALB Ingress, an NLB
 * Service, or only inside the cluster. It follows the load balancer in front on
 * EC2; an instance reached through an Elastic IP gets a load balancer too,
 * because a pod has no fixed public address (k8s-mapping.md §A.6).
 */
import { asString, byDefault, fromAws, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { Front } from './front.js';
import type { PortPlan } from './ports.js';
import type { Provenance } from './types.js';
import type { WorkloadSources } from './workload-sources.js';

export interface Exposure {
  mode: 'ingress' | 'nlb' | 'cluster';
  scheme?: { value: 'internet-facing' | 'internal'; provenance: Provenance };
  /** The Elastic IP clients used when there was no load balancer. */
  elasticIp?: Sourced;
  contribution: Contribution;
}

/** Decides the exposure of a workload. */
export function decideExposure(sources: WorkloadSources, front: Front, ports: PortPlan): Exposure {
  const out = contribution();
  if (front.kind !== 'none' && front.loadBalancer) {
    const lb = front.loadBalancer;
    const scheme = asString(lb.data.Scheme) === 'internal' ? 'internal' : 'internet-facing';
    return {
      mode: front.kind === 'alb' || front.kind === 'classic-http' ? 'ingress' : 'nlb',
      scheme: { value: scheme, provenance: lb.data.Scheme ? fromAws(lb, 'Scheme', `the load balancer was ${scheme}`) : byDefault('the load balancer names no scheme: internet-facing, the AWS default') },
      contribution: out,
    };
  }
  const eip = sources.elasticIps[0];
  if (eip) {
    const http = ports.main.name === 'http' || ports.main.name === 'https';
    const address = asString(eip.data.PublicIp) ?? eip.ref.id;
    out.tasks.push({
      id: 'elastic-ip',
      kind: 'network',
      title: `Move clients off Elastic IP ${address}`,
      detail: `Clients reached the instance at ${address}. A pod has no fixed public address, so the values add an internet-facing ${http ? 'ALB (Ingress)' : 'NLB (Service)'}: point the DNS record at its name. If partners allow-list the IP, use an NLB with service.beta.kubernetes.io/aws-load-balancer-eip-allocations (one Elastic IP per zone) or AWS Global Accelerator, and tell them the new addresses.`,
      blocking: true,
    });
    return {
      mode: http ? 'ingress' : 'nlb',
      scheme: { value: 'internet-facing', provenance: fromAws(eip, 'PublicIp', 'clients reached the instance at this Elastic IP from outside the VPC') },
      elasticIp: eip,
      contribution: out,
    };
  }
  return { mode: 'cluster', contribution: out };
}
