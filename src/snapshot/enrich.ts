/**
 * What a scan and an import both add to the raw AWS output, stated once so
 * the two give the same snapshot: the launch template versions groups use,
 * the instance types in use, and the summary of an instance's AMI.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A reference to a launch template, as groups and their instances carry it. */
export interface TemplateRef {
  LaunchTemplateId?: string;
  LaunchTemplateName?: string;
  Version?: string;
}

/** An Auto Scaling group's mixed instances policy's launch template part, when it has one. */
function mixedTemplateOf(group: Json): Json | undefined {
  const policy = group.MixedInstancesPolicy;
  return isObject(policy) && isObject(policy.LaunchTemplate) ? policy.LaunchTemplate : undefined;
}

/** Every launch template reference of a group: its own, its mixed instances policy's, and its instances'. */
export function templateRefsOfGroup(group: Json): TemplateRef[] {
  const refs: TemplateRef[] = [];
  const push = (ref: unknown): void => {
    if (isObject(ref)) refs.push(ref as TemplateRef);
  };
  push(group.LaunchTemplate);
  const mixed = mixedTemplateOf(group);
  push(mixed?.LaunchTemplateSpecification);
  for (const override of listOf(mixed?.Overrides)) if (isObject(override)) push(override.LaunchTemplateSpecification);
  for (const instance of listOf(group.Instances)) if (isObject(instance)) push(instance.LaunchTemplate);
  return refs;
}

/** The versions groups use, per launch template id (an absent version means the default one). */
export function usedTemplateVersions(groups: readonly Json[], templates: readonly Json[]): Map<string, Set<string>> {
  const idByName = new Map(templates.map((t) => [String(t.LaunchTemplateName), String(t.LaunchTemplateId)]));
  const known = new Set(templates.map((t) => String(t.LaunchTemplateId)));
  const used = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const ref of templateRefsOfGroup(group)) {
      const id = ref.LaunchTemplateId ?? (ref.LaunchTemplateName ? idByName.get(ref.LaunchTemplateName) : undefined);
      if (!id || !known.has(id)) continue;
      const versions = used.get(id) ?? new Set<string>();
      versions.add(ref.Version && ref.Version !== '' ? ref.Version : '$Default');
      used.set(id, versions);
    }
  }
  return used;
}

/** Instance types named anywhere the estate launches instances from, sorted. */
export function instanceTypesInUse(instances: readonly Json[], asg: { groups?: readonly Json[]; launchConfigurations?: readonly Json[] }, templates: readonly Json[]): string[] {
  const types = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string' && value !== '') types.add(value);
  };
  for (const instance of instances) add(instance.InstanceType);
  for (const lc of asg.launchConfigurations ?? []) add(lc.InstanceType);
  for (const group of asg.groups ?? []) for (const override of listOf(mixedTemplateOf(group)?.Overrides)) if (isObject(override)) add(override.InstanceType);
  for (const template of templates) {
    for (const version of listOf(template.Versions)) if (isObject(version) && isObject(version.LaunchTemplateData)) add(version.LaunchTemplateData.InstanceType);
  }
  return [...types].sort();
}

/**
 * The fields of an AMI that say what runs on it, kept on each instance as
 * `Image`: its name and description often name the application (a Packer
 * build, a marketplace product). Only the fields AWS returned.
 */
export const IMAGE_FIELDS = ['ImageId', 'Name', 'Description', 'OwnerId', 'ImageOwnerAlias', 'PlatformDetails', 'CreationDate'] as const;

/** An instance's `Image`, from the AMI as DescribeImages returns it. */
export function imageSummary(image: Json): Json {
  const out: Json = {};
  for (const field of IMAGE_FIELDS) if (image[field] !== undefined && image[field] !== null) out[field] = image[field];
  return out;
}
