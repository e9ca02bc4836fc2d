// test-support/k8s-validate.ts — offline validation of rendered (multi-document) Kubernetes YAML.
//
// Built-in kinds are validated with the JSON schemas compiled into kubernetes-models 4.5.1
// (shared/testing-with-moto-and-helm.md §9.4): wrong types, bad quantities, enum violations and
// missing required fields are caught; unknown fields are NOT (the models' schemas allow them).
// On top of that every object gets a small metadata check (name, label and annotation syntax),
// and the CRDs the kubelift-app chart can render (KEDA ScaledObject, VPC resource controller
// SecurityGroupPolicy) get a local structural check. Any other kind is reported as
// "no schema", never silently passed.
import { parseAllDocuments } from 'yaml';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

function checkMetadata(obj: Json, where: string): string[] {
  const problems: string[] = [];
  const meta = obj.metadata;
  if (!isObject(meta)) return [`${where}: metadata missing`];
  const name = meta.name;
  if (typeof name !== 'string' || name.length === 0) problems.push(`${where}: metadata.name missing`);
  else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) problems.push(`${where}: metadata.name "${name}" is not a DNS subdomain`);
  if (meta.namespace !== undefined && (typeof meta.namespace !== 'string' || !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(meta.namespace))) {
    problems.push(`${where}: metadata.namespace ${JSON.stringify(meta.namespace)} is not a DNS label`);
  }
  const checkLabels = (labels: unknown, path: string): void => {
    if (labels === undefined || labels === null) return;
    if (!isObject(labels)) {
      problems.push(`${where}: ${path} must be a map`);
      return;
    }
    for (const [k, v] of Object.entries(labels)) {
      if (!QUALIFIED_NAME.test(k)) problems.push(`${where}: ${path} key "${k}" is not a qualified name`);
      if (typeof v !== 'string') problems.push(`${where}: ${path}["${k}"] must be a string, got ${typeof v}`);
      else if (!LABEL_VALUE.test(v)) problems.push(`${where}: ${path}["${k}"] value "${v}" is not a valid label value`);
    }
  };
  const checkAnnotations = (ann: unknown, path: string): void => {
    if (ann === undefined || ann === null) return;
    if (!isObject(ann)) {
      problems.push(`${where}: ${path} must be a map`);
      return;
    }
    for (const [k, v] of Object.entries(ann)) {
      if (!QUALIFIED_NAME.test(k)) problems.push(`${where}: ${path} key "${k}" is not a qualified name`);
      if (typeof v !== 'string') problems.push(`${where}: ${path}["${k}"] must be a string, got ${typeof v}`);
    }
  };
  checkLabels(meta.labels, 'metadata.labels');
  checkAnnotations(meta.annotations, 'metadata.annotations');
  const spec = obj.spec;
  if (isObject(spec) && isObject(spec.template) && isObject(spec.template.metadata)) {
    checkLabels(spec.template.metadata.labels, 'spec.template.metadata.labels');
    checkAnnotations(spec.template.metadata.annotations, 'spec.template.metadata.annotations');
  }
  return problems;
}

/** KEDA keda.sh/v1alpha1 ScaledObject: the fields the CRD marks required plus replica bounds. */
function checkScaledObject(obj: Json, where: string): string[] {
  const p: string[] = [];
  const spec = obj.spec;
  if (!isObject(spec)) return [`${where}: spec missing`];
  const target = spec.scaleTargetRef;
  if (!isObject(target) || typeof target.name !== 'string' || target.name === '') {
    p.push(`${where}: spec.scaleTargetRef.name is required`);
  }
  for (const key of ['minReplicaCount', 'maxReplicaCount', 'pollingInterval', 'cooldownPeriod', 'idleReplicaCount']) {
    const v = spec[key];
    if (v !== undefined && (!isInt(v) || v < 0)) p.push(`${where}: spec.${key} must be a non-negative integer`);
  }
  if (isInt(spec.minReplicaCount) && isInt(spec.maxReplicaCount) && spec.minReplicaCount > spec.maxReplicaCount) {
    p.push(`${where}: spec.minReplicaCount must not exceed spec.maxReplicaCount`);
  }
  if (!Array.isArray(spec.triggers) || spec.triggers.length === 0) {
    p.push(`${where}: spec.triggers must list at least one trigger`);
  } else {
    spec.triggers.forEach((t: unknown, i: number) => {
      if (!isObject(t)) {
        p.push(`${where}: spec.triggers[${i}] must be an object`);
        return;
      }
      if (typeof t.type !== 'string' || t.type === '') p.push(`${where}: spec.triggers[${i}].type is required`);
      if (!isObject(t.metadata)) p.push(`${where}: spec.triggers[${i}].metadata is required (map)`);
      else {
        for (const [k, v] of Object.entries(t.metadata)) {
          if (typeof v !== 'string') p.push(`${where}: spec.triggers[${i}].metadata.${k} must be a string`);
        }
      }
    });
  }
  return p;
}

/** vpcresources.k8s.aws/v1beta1 SecurityGroupPolicy. */
function checkSecurityGroupPolicy(obj: Json, where: string): string[] {
  const p: string[] = [];
  const spec = obj.spec;
  if (!isObject(spec)) return [`${where}: spec missing`];
  if (!isObject(spec.podSelector) && !isObject(spec.serviceAccountSelector)) {
    p.push(`${where}: spec.podSelector or spec.serviceAccountSelector is required`);
  }
  const sg = spec.securityGroups;
  const ids = isObject(sg) ? sg.groupIds : undefined;
  if (!Array.isArray(ids) || ids.length === 0) p.push(`${where}: spec.securityGroups.groupIds must be a non-empty list`);
  else if (ids.some((id) => typeof id !== 'string' || !/^sg-[0-9a-f]{8,17}$/.test(id))) {
    p.push(`${where}: spec.securityGroups.groupIds must be security group ids (sg-...)`);
  }
  return p;
}

const LOCAL_CHECKS: Record<string, (obj: Json, where: string) => string[]> = {
  'keda.sh/v1alpha1/ScaledObject': checkScaledObject,
  'vpcresources.k8s.aws/v1beta1/SecurityGroupPolicy': checkSecurityGroupPolicy,
};

interface ModelModule {
  [kind: string]: new (data: unknown) => { validate(): void };
}

/** Parse multi-document YAML; returns the non-empty documents as plain objects (throws on YAML errors). */
export function parseManifests(yamlText: string): Json[] {
  const out: Json[] = [];
  for (const doc of parseAllDocuments(yamlText)) {
    if (doc.errors.length > 0) throw new Error(`YAML error: ${doc.errors.map((e) => e.message).join('; ')}`);
    const obj: unknown = doc.toJS();
    if (obj === null || obj === undefined) continue;
    if (!isObject(obj)) throw new Error(`YAML document is not a map: ${JSON.stringify(obj).slice(0, 80)}`);
    out.push(obj);
  }
  return out;
}

/**
 * Validate rendered manifests offline. Returns human-readable problems ("Kind/name: message");
 * an empty list means every document passed.
 */
export async function validateManifests(yamlText: string): Promise<string[]> {
  const problems: string[] = [];
  let docs: Json[];
  try {
    docs = parseManifests(yamlText);
  } catch (e) {
    return [(e as Error).message];
  }
  for (const obj of docs) {
    const { apiVersion, kind } = obj;
    const name = isObject(obj.metadata) ? obj.metadata.name : undefined;
    const where = `${String(kind)}/${String(name)}`;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !/^[A-Za-z0-9.]+(\/[A-Za-z0-9]+)?$/.test(apiVersion) || !/^[A-Za-z0-9]+$/.test(kind)) {
      problems.push(`${where}: apiVersion/kind missing or malformed`);
      continue;
    }
    problems.push(...checkMetadata(obj, where));
    const local = LOCAL_CHECKS[`${apiVersion}/${kind}`];
    if (local) {
      problems.push(...local(obj, where));
      continue;
    }
    let mod: ModelModule;
    try {
      // e.g. kubernetes-models/apps/v1/Deployment, kubernetes-models/v1/Service
      const specifier = `kubernetes-models/${apiVersion}/${kind}`;
      mod = (await import(/* @vite-ignore */ specifier)) as ModelModule;
    } catch {
      problems.push(`${where}: no schema for ${apiVersion} ${kind}`);
      continue;
    }
    const Model = mod[kind];
    if (!Model) {
      problems.push(`${where}: no schema for ${apiVersion} ${kind}`);
      continue;
    }
    try {
      new Model(obj).validate();
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
    }
  }
  return problems;
}
