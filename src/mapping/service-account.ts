/**
 * The ServiceAccount and its AWS identity (k8s-mapping.md §A.6). The instances'
 * IAM instance profile gave them a role; pods get the same permissions through
 * IRSA (or EKS Pod Identity). The snapshot holds the instance profile's ARN,
 * not its role's, so the role ARN is a clearly marked placeholder for a person
 * to replace after looking the role up.
 */
import { sortStrings } from '../model/sort.js';
import { asRecord, asString, byDefault, fromAws, type Sourced } from './aws-fields.js';
import { contribution, type Contribution } from './contribution.js';
import type { WorkloadSources } from './workload-sources.js';

export const ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
/** Marks every value a person must replace before installing. */
export const PLACEHOLDER = 'REPLACE-ME';

/** The parts of an instance profile ARN: `arn:aws:iam::111122223333:instance-profile/path/name`. */
export function parseInstanceProfileArn(arn: string): { partition: string; accountId: string; name: string } | undefined {
  const match = /^arn:(aws[a-z-]*):iam::(\d{12}):instance-profile\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!match) return undefined;
  return { partition: match[1] as string, accountId: match[2] as string, name: match[3] as string };
}

/**
 * A role ARN placeholder derived from the instance profile: valid in form (so the
 * chart's schema accepts it), unmistakable as a placeholder, and naming the profile to look up.
 */
export function placeholderRoleArn(profile: { partition: string; accountId: string; name: string }): string {
  const roleName = `${PLACEHOLDER}-role-of-${profile.name}`.slice(0, 64);
  return `arn:${profile.partition}:iam::${profile.accountId}:role/${roleName}`;
}

/** Plans `serviceAccount.*`; with `outline`, only the task and the warnings. */
export function planServiceAccount(sources: WorkloadSources, outline = false): Contribution {
  const out = contribution();
  const id = sources.workload.id;
  if (!outline) {
    out.values.push({ path: 'serviceAccount.create', value: true, provenance: byDefault('the release owns its ServiceAccount') });
    out.values.push({ path: 'serviceAccount.name', value: id, provenance: byDefault('a stable name: IRSA trust policies and Pod Identity associations refer to it') });
    out.values.push({ path: 'serviceAccount.automount', value: false, provenance: byDefault('no Kubernetes API token in the pod; IRSA and Pod Identity inject their own credentials') });
  }

  const profiles = new Map<string, Sourced>();
  for (const instance of sources.instances) {
    const arn = asString(asRecord(instance.data.IamInstanceProfile).Arn);
    if (arn && !profiles.has(arn)) profiles.set(arn, instance);
  }
  const arns = sortStrings([...profiles.keys()]);
  if (arns.length === 0) {
    if (!outline) out.values.push({ path: 'serviceAccount.annotations', value: {}, provenance: byDefault('the instances had no IAM instance profile: the pods need no AWS permissions') });
    return out;
  }
  if (arns.length > 1) out.warnings.push(`The instances use ${arns.length} instance profiles (${arns.join(', ')}); the plan follows the first. Pods of one release share one role.`);
  const arn = arns[0] as string;
  const source = profiles.get(arn) as Sourced;
  const profile = parseInstanceProfileArn(arn);
  if (!profile) {
    out.warnings.push(`Instance profile ARN ${arn} could not be read; set ${ROLE_ANNOTATION} by hand.`);
    return out;
  }
  if (!outline) out.values.push({ path: ['serviceAccount', 'annotations', ROLE_ANNOTATION], value: placeholderRoleArn(profile), provenance: fromAws(source, 'IamInstanceProfile.Arn', `PLACEHOLDER: the pods need the role of instance profile ${profile.name}, which the snapshot does not name`) });
  out.tasks.push({
    id: 'irsa-role',
    kind: 'identity',
    title: `Give the pods the role of instance profile ${profile.name}`,
    detail: `Find the role (aws iam get-instance-profile --instance-profile-name ${profile.name}), add a trust policy for the cluster's OIDC provider and system:serviceaccount:<namespace>:${id} (IRSA), or create an EKS Pod Identity association for ServiceAccount ${id}, and replace the ${PLACEHOLDER} role ARN in serviceAccount.annotations.`,
    blocking: true,
  });
  return out;
}
