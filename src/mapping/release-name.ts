/**
 * The Helm release name of a workload: its id, which is a DNS label, cut to
 * Helm's 53-character limit with a short hash when longer. Object names and
 * the `app.kubernetes.io/instance` label follow the release name, so every
 * selector kubelift writes uses this.
 */
import { createHash } from 'node:crypto';

const HELM_MAX = 53;

export function releaseNameOf(workloadId: string): string {
  if (workloadId.length <= HELM_MAX) return workloadId;
  const hash = createHash('sha256').update(workloadId).digest('hex').slice(0, 6);
  return `${workloadId.slice(0, HELM_MAX - 7).replace(/-+$/, '')}-${hash}`;
}
