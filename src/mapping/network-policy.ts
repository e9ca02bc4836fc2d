/**
 * NetworkPolicy from security groups (k8s-mapping.md §A.6). Inbound rules
 * that reach a port the container serves become ingress rules: CIDRs stay
 * CIDRs, the load balancer's group becomes its subnets (ip targets connect
 * from there), the instance's own group becomes its own pods, another
 * workload's group becomes that workload's pods. Outbound rules become egress
 * rules, with DNS added by the chart when egress is restricted.
 */
import { sortInPlace, sortStrings } from '../model/sort.js';
import type { Model } from '../model/types.js';
import { asArray, asNumber, asRecord, asString, byDefault, fromAws, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import { releaseNameOf } from './release-name.js';
import type { Front } from './front.js';
import type { PortPlan } from './ports.js';
import type { WorkloadSources } from './workload-sources.js';

type Peer = Record<string, unknown>;
type Port = { port?: string | number; endPort?: number; protocol: 'TCP' | 'UDP' | 'SCTP' };
interface Rule {
  peers: Peer[];
  ports: Port[];
}

const INSTANCE_LABEL = 'app.kubernetes.io/instance';

const membersByModel = new WeakMap<Model, Map<string, string[]>>();

/** Security group → the workloads whose running instances use it (sorted ids), built once per model. */
function groupMembers(model: Model): Map<string, string[]> {
  let index = membersByModel.get(model);
  if (index) return index;
  index = new Map();
  for (const w of [...model.workloads].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const ref of w.runningInstances) {
      for (const g of asArray(model.resource(ref)?.SecurityGroups)) {
        const key = `${ref.accountId}|${ref.region}|${String(asRecord(g).GroupId)}`;
        const list = index.get(key) ?? [];
        if (!list.includes(w.id)) list.push(w.id);
        index.set(key, list);
      }
    }
  }
  membersByModel.set(model, index);
  return index;
}

function protocolOf(ipProtocol: string): 'TCP' | 'UDP' | 'SCTP' | 'ALL' | undefined {
  switch (ipProtocol.toLowerCase()) {
    case 'tcp':
    case '6':
      return 'TCP';
    case 'udp':
    case '17':
      return 'UDP';
    case 'sctp':
    case '132':
      return 'SCTP';
    case '-1':
    case 'all':
      return 'ALL';
    default:
      return undefined; // ICMP and others: NetworkPolicy covers TCP, UDP and SCTP only.
  }
}

function key(value: unknown): string {
  return JSON.stringify(value);
}

const OPEN_TO_ALL = key({ ipBlock: { cidr: '0.0.0.0/0' } });

const NO_KNOWN_SOURCE = 'The security groups let no known source reach the application port; the NetworkPolicy admits only the release\'s own pods. Add the real clients to networkPolicy.ingress.';

/** Sorts values by their key, computed once per value rather than on every comparison. */
function sortedByKey<T>(values: readonly T[]): T[] {
  return sortInPlace(values.map((value) => ({ value, k: key(value) })), (a, b) => a.k.localeCompare(b.k)).map(({ value }) => value);
}

/** Merges rules with the same ports, and sorts peers, ports and rules for stable output. */
function tidy(rules: Rule[]): Record<string, unknown>[] {
  const byPorts = new Map<string, Rule>();
  for (const rule of rules) {
    const ports = sortedByKey(rule.ports);
    const k = key(ports);
    const existing = byPorts.get(k);
    if (existing) existing.peers.push(...rule.peers);
    else byPorts.set(k, { peers: [...rule.peers], ports });
  }
  return sortedByKey(
    [...byPorts.values()].map((r) => {
      const peers = sortInPlace([...new Map(r.peers.map((p) => [key(p), p]))], ([a], [b]) => a.localeCompare(b)).map(([, p]) => p);
      const out: Record<string, unknown> = {};
      if (peers.length > 0) out.peers = peers;
      if (r.ports.length > 0) out.ports = r.ports;
      return out;
    }),
  );
}

/** Plans `networkPolicy.*`; with `outline`, only the warnings (the values are not wanted). */
export function planNetworkPolicy(sources: WorkloadSources, front: Front, ports: PortPlan, outline = false): Contribution {
  const out = contribution();
  if (sources.securityGroups.length === 0) {
    const open = byDefault('the security groups are not in the snapshot: any source may reach the application port');
    out.values.push({ path: 'networkPolicy.enabled', value: true, provenance: open });
    out.values.push({ path: 'networkPolicy.ingress', value: [{ ports: [{ port: ports.main.name, protocol: ports.main.protocol }] }], provenance: open });
    out.values.push({ path: 'networkPolicy.egress', value: [{}], provenance: byDefault('the security groups are not in the snapshot: egress stays open') });
    out.warnings.push('Security groups were not collected: the NetworkPolicy allows any source to reach the application port. Restrict networkPolicy.ingress.');
    return out;
  }
  const ownGroups = new Set(sources.securityGroups.map((sg) => sg.ref.id));
  const lbGroups = new Set<string>();
  const lbSubnetIds: string[] = [];
  if (front.loadBalancer) {
    for (const g of asArray(front.loadBalancer.data.SecurityGroups)) lbGroups.add(String(g));
    for (const z of asArray(front.loadBalancer.data.AvailabilityZones)) {
      const subnet = asString(asRecord(z).SubnetId);
      if (subnet) lbSubnetIds.push(subnet);
    }
    for (const s of asArray(front.loadBalancer.data.Subnets)) lbSubnetIds.push(String(s));
  }
  const cidrOf = (type: 'AWS::EC2::Subnet' | 'AWS::EC2::VPC', id: string) => asString(sources.resource(type, id)?.CidrBlock);
  // Both are read only for rules that name another group: looked up on first use.
  let lbCidrs: string[] | undefined;
  const lbCidrsOf = (): string[] => (lbCidrs ??= sortStrings([...new Set(lbSubnetIds.map((id) => cidrOf('AWS::EC2::Subnet', id)).filter((x): x is string => Boolean(x)))]));
  let vpc: { cidr?: string } | undefined;
  const vpcCidrOf = (): string | undefined => {
    if (!vpc) {
      const vpcId = sources.instances.map((i) => asString(i.data.VpcId)).find(Boolean);
      vpc = { cidr: vpcId ? cidrOf('AWS::EC2::VPC', vpcId) : undefined };
    }
    return vpc.cidr;
  };
  // The estate-wide index is built when a rule first names another group (many estates have none).
  const otherWorkload = (groupId: string): string | undefined => (groupMembers(sources.model).get(`${sources.workload.accountId}|${sources.workload.region}|${groupId}`) ?? []).find((id) => id !== sources.workload.id);

  const peersOf = (permission: Record<string, unknown>, sg: Sourced, direction: 'from' | 'to'): Peer[] => {
    const peers: Peer[] = [];
    for (const r of asArray(permission.IpRanges)) {
      const cidr = asString(asRecord(r).CidrIp);
      if (cidr) peers.push({ ipBlock: { cidr } });
    }
    for (const r of asArray(permission.Ipv6Ranges)) {
      const cidr = asString(asRecord(r).CidrIpv6);
      if (cidr) peers.push({ ipBlock: { cidr } });
    }
    for (const p of asArray(permission.PrefixListIds)) {
      out.warnings.push(`Security group ${sg.ref.name} refers to prefix list ${String(asRecord(p).PrefixListId)}; its CIDRs are not in the snapshot, so the rule is left out. Add them to networkPolicy.${direction === 'from' ? 'ingress' : 'egress'}.`);
    }
    for (const pair of asArray(permission.UserIdGroupPairs)) {
      const groupId = asString(asRecord(pair).GroupId);
      if (!groupId) continue;
      if (ownGroups.has(groupId)) {
        peers.push({ podSelector: { matchLabels: { [INSTANCE_LABEL]: releaseNameOf(sources.workload.id) } } });
      } else if (direction === 'from' && lbGroups.has(groupId) && lbCidrsOf().length > 0) {
        for (const cidr of lbCidrsOf()) peers.push({ ipBlock: { cidr } });
      } else {
        const other = otherWorkload(groupId);
        const vpcCidr = other ? undefined : vpcCidrOf();
        if (other) {
          peers.push({ podSelector: { matchLabels: { [INSTANCE_LABEL]: releaseNameOf(other) } } });
          out.warnings.push(`Security group ${sg.ref.name} admits group ${groupId} of workload ${other}; the rule assumes ${other} is migrated into the same namespace as release ${other}.`);
        } else if (vpcCidr) {
          peers.push({ ipBlock: { cidr: vpcCidr } });
          out.warnings.push(`Security group ${sg.ref.name} admits group ${groupId}, which belongs to nothing migrated; the rule is widened to the VPC ${vpcCidr}. Narrow it to the subnets of that group's members.`);
        } else {
          out.warnings.push(`Security group ${sg.ref.name} admits group ${groupId}, which has no Kubernetes equivalent; the rule is left out.`);
        }
      }
    }
    return peers;
  };

  // Each served port with the instance ports that reached it.
  const served = [{ port: ports.main, via: ports.entryPorts }, ...[...(ports.health ? [ports.health] : []), ...ports.extra].map((p) => ({ port: p, via: [p.instancePort] }))];
  const ingress: Rule[] = [];
  const dropped = new Set<string>();
  let ssh = false;
  let ingressSource: Sourced | undefined;
  for (const sg of sources.securityGroups) {
    for (const raw of asArray(sg.data.IpPermissions)) {
      const permission = asRecord(raw);
      const protocol = protocolOf(String(permission.IpProtocol ?? ''));
      const from = asNumber(permission.FromPort);
      const to = asNumber(permission.ToPort);
      if (!protocol) {
        dropped.add(`${String(permission.IpProtocol)} (NetworkPolicy covers TCP, UDP and SCTP only)`);
        continue;
      }
      const reached = served
        .filter(({ port, via }) => (protocol === 'ALL' || protocol === port.protocol) && (protocol === 'ALL' || from === undefined || from === -1 || via.some((p) => p >= from && p <= (to ?? from))))
        .map(({ port }) => port);
      if (reached.length === 0) {
        if (protocol === 'TCP' && from !== undefined && from <= 22 && (to ?? from) >= 22) ssh = true;
        dropped.add(from === to ? `${protocol.toLowerCase()}/${String(from)}` : `${protocol.toLowerCase()}/${String(from)}-${String(to)}`);
        continue;
      }
      const peers = peersOf(permission, sg, 'from');
      if (peers.length === 0) continue;
      ingressSource ??= sg;
      // Protocol -1 allowed every port: a rule without ports says the same.
      ingress.push({ peers, ports: protocol === 'ALL' ? [] : reached.map((p) => ({ port: p.name, protocol: p.protocol })) });
    }
  }
  if (dropped.size > 0) {
    out.warnings.push(`Security group rules for ${sortStrings([...dropped]).join(', ')} reach no port the container serves and are left out of the NetworkPolicy${ssh ? ' (SSH has no place in a pod: use kubectl exec)' : ''}.`);
  }

  if (outline) {
    // Tidied rules only feed the values: the outline needs the egress peers' warnings and nothing else.
    if (ingress.length === 0) out.warnings.push(NO_KNOWN_SOURCE);
    for (const sg of sources.securityGroups) {
      for (const raw of asArray(sg.data.IpPermissionsEgress)) {
        const permission = asRecord(raw);
        if (protocolOf(String(permission.IpProtocol ?? ''))) peersOf(permission, sg, 'to');
      }
    }
    return out;
  }
  let ingressRules = tidy(ingress).map(({ peers, ports: p }) => ({ ...(peers ? { from: peers } : {}), ...(p ? { ports: p } : {}) }));
  if (ingressRules.length === 0) {
    ingressRules = [{ from: [{ podSelector: { matchLabels: { [INSTANCE_LABEL]: releaseNameOf(sources.workload.id) } } }], ports: [{ port: ports.main.name, protocol: ports.main.protocol }] }];
    out.warnings.push(NO_KNOWN_SOURCE);
  }
  out.values.push({ path: 'networkPolicy.enabled', value: true, provenance: fromAws(sources.securityGroups[0] as Sourced, 'IpPermissions', 'security groups become a NetworkPolicy (enforced only by a CNI with network policy support, e.g. VPC CNI with enableNetworkPolicy)') });
  out.values.push({ path: 'networkPolicy.ingress', value: ingressRules, provenance: fromAws(ingressSource ?? (sources.securityGroups[0] as Sourced), 'IpPermissions', 'inbound rules that reach a port the container serves') });

  // Egress: all-open stays all-open; otherwise the rules, with DNS added by the chart.
  const egress: Rule[] = [];
  let open = false;
  for (const sg of sources.securityGroups) {
    for (const raw of asArray(sg.data.IpPermissionsEgress)) {
      const permission = asRecord(raw);
      const protocol = protocolOf(String(permission.IpProtocol ?? ''));
      if (!protocol) continue;
      const peers = peersOf(permission, sg, 'to');
      if (protocol === 'ALL' && peers.some((p) => key(p) === OPEN_TO_ALL)) open = true;
      const from = asNumber(permission.FromPort);
      const to = asNumber(permission.ToPort);
      const portList: Port[] = protocol === 'ALL' || from === undefined || from === -1 ? (protocol === 'ALL' ? [] : [{ protocol }]) : [{ port: from, ...(to !== undefined && to > from ? { endPort: to } : {}), protocol }];
      if (peers.length > 0) egress.push({ peers, ports: portList });
    }
  }
  const egressSource = sources.securityGroups.find((sg) => asArray(sg.data.IpPermissionsEgress).length > 0) ?? (sources.securityGroups[0] as Sourced);
  const egressRules = open ? [{}] : tidy(egress).map(({ peers, ports: p }) => ({ ...(peers ? { to: peers } : {}), ...(p ? { ports: p } : {}) }));
  if (egressRules.length === 0) {
    out.values.push({ path: 'networkPolicy.egress', value: [{}], provenance: fromAws(egressSource, 'IpPermissionsEgress', 'no outbound rules were collected: egress stays open') });
  } else {
    out.values.push({ path: 'networkPolicy.egress', value: egressRules, provenance: fromAws(egressSource, 'IpPermissionsEgress', open ? 'outbound traffic was open to 0.0.0.0/0' : 'the outbound rules; the chart adds DNS to kube-dns') });
  }
  out.values.push({ path: 'networkPolicy.allowDns', value: true, provenance: byDefault('pods resolve names through kube-dns, which security groups never had to allow') });
  return out;
}
