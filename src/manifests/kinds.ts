/**
 * Which kinds the workshop knows: every kind Kubernetes 1.36 serves in a stable version (the schemas of
 * the ones learners write are shipped, see kubernetes-schemas.ts), and Istio 1.31's (the asset). A kind
 * it does not know in a group it does is a mistake to name; a group it does not know is someone's CRD,
 * which the cluster checks.
 */
import { closestName } from '../lesson/suggest.js';

/** Every kind Kubernetes 1.36 serves in a stable version, by apiVersion (as kubernetes-models 5.1 has them). */
export const KUBERNETES_KINDS: Readonly<Record<string, readonly string[]>> = {
  v1: ['Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'List', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
  'admissionregistration.k8s.io/v1': ['MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'authentication.k8s.io/v1': ['SelfSubjectReview', 'TokenRequest', 'TokenReview'],
  'authorization.k8s.io/v1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'batch/v1': ['CronJob', 'Job'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'coordination.k8s.io/v1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'flowcontrol.apiserver.k8s.io/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'networking.k8s.io/v1': ['IPAddress', 'Ingress', 'IngressClass', 'NetworkPolicy', 'ServiceCIDR'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'policy/v1': ['Eviction', 'PodDisruptionBudget'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'resource.k8s.io/v1': ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment', 'VolumeAttributesClass'],
};

/**
 * The kinds whose schemas are shipped (kubernetes-schemas.ts holds their validators): what the lessons
 * apply and learners write beside Istio's kinds — workloads and their Service, configuration, identity
 * and access, Ingress and NetworkPolicy. The Pod template (a third of a megabyte of validator) is most of
 * the cost; each workload kind on top of it is little.
 */
export const KUBERNETES_SCHEMA_KINDS: readonly string[] = [
  'v1 Namespace', 'v1 ServiceAccount', 'v1 ConfigMap', 'v1 Secret', 'v1 Service', 'v1 Pod', 'v1 PersistentVolumeClaim',
  'apps/v1 Deployment', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'batch/v1 Job', 'batch/v1 CronJob',
  'networking.k8s.io/v1 Ingress', 'networking.k8s.io/v1 NetworkPolicy', 'policy/v1 PodDisruptionBudget',
  'rbac.authorization.k8s.io/v1 Role', 'rbac.authorization.k8s.io/v1 RoleBinding', 'rbac.authorization.k8s.io/v1 ClusterRole', 'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
];

/** Groups Kubernetes removed whose manifests are still about (old tutorials' extensions/v1beta1 Ingress). */
const REMOVED_GROUPS = ['extensions'];

/** One Istio kind as the asset lists it. */
export interface IstioKind {
  group: string;
  kind: string;
  versions: readonly string[];
}

/** How a manifest's apiVersion and kind are checked. */
export type KindVerdict =
  | { schema: 'kubernetes' }
  | { schema: 'istio'; entry: number }
  /** A kind the workshop has no schema for: the cluster checks it. */
  | { schema: 'none'; warning: string }
  /** A kind no cluster of the workshop serves: a mistake, named with the likely fix, and the field to fix. */
  | { schema: 'none'; error: string; field: 'apiVersion' | 'kind' };

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Every apiVersion serving a kind, Kubernetes' and Istio's. */
function servedAs(istio: readonly IstioKind[]): Map<string, string[]> {
  const served = new Map<string, string[]>();
  const add = (kind: string, apiVersion: string) => served.set(kind, [...(served.get(kind) ?? []), apiVersion]);
  for (const [apiVersion, kinds] of Object.entries(KUBERNETES_KINDS)) for (const kind of kinds) add(kind, apiVersion);
  for (const { group, kind, versions } of istio) for (const version of versions) add(kind, `${group}/${version}`);
  return served;
}

/** A group one misspelt label away from a known one (networking.istoi.io), or undefined. */
function nearGroup(group: string, groups: Iterable<string>): string | undefined {
  const labels = group.split('.');
  for (const known of groups) {
    const knownLabels = known.split('.');
    if (knownLabels.length !== labels.length || known === group) continue;
    const differing = labels.flatMap((label, index) => (label === knownLabels[index] ? [] : [index]));
    const [only] = differing;
    if (differing.length === 1 && only !== undefined && closestName(labels[only] ?? '', [knownLabels[only] ?? ''])) return known;
  }
  return undefined;
}

/** How to check an object of this apiVersion and kind, or what is wrong with them. */
export function kindVerdict(apiVersion: string, kind: string, istio: readonly IstioKind[]): KindVerdict {
  if (KUBERNETES_SCHEMA_KINDS.includes(`${apiVersion} ${kind}`)) return { schema: 'kubernetes' };
  const entry = istio.findIndex((k) => k.kind === kind && k.versions.some((version) => `${k.group}/${version}` === apiVersion));
  if (entry >= 0) return { schema: 'istio', entry };
  const unchecked = { schema: 'none', warning: `no schema shipped for ${apiVersion} ${kind}; kubectl will check it on apply` } as const;
  if (KUBERNETES_KINDS[apiVersion]?.includes(kind)) return unchecked;

  const group = groupOf(apiVersion);
  const groups = new Set([...Object.keys(KUBERNETES_KINDS).map(groupOf), ...REMOVED_GROUPS, ...istio.map((k) => k.group)]);
  const near = groups.has(group) ? undefined : nearGroup(group, groups);
  // Someone's CRD (Gateway API, cert-manager …): the cluster has its schema, the workshop does not.
  if (!groups.has(group) && !near) return unchecked;

  const served = servedAs(istio);
  const servedHere = served.get(kind);
  if (servedHere) {
    const release = servedHere.every((known) => groupOf(known).endsWith('.istio.io')) ? 'Istio 1.31' : 'Kubernetes 1.36';
    return { schema: 'none', error: `${release} serves ${kind} as ${servedHere.join(', ')}, not ${apiVersion}`, field: 'apiVersion' };
  }
  if (near) return { schema: 'none', error: `unknown API group ${group} (did you mean ${near}?)`, field: 'apiVersion' };
  // A kind the group does not have: likely misspelt. Name the kinds of this apiVersion, else of the group.
  const kindsOf = (match: (known: string) => boolean) => [...served].filter(([, apiVersions]) => apiVersions.some(match)).map(([name]) => name).sort();
  const here = kindsOf((known) => known === apiVersion);
  const inGroup = here.length > 0 ? here : kindsOf((known) => groupOf(known) === group);
  const guess = closestName(kind, inGroup) ?? closestName(kind, served.keys());
  const guessWhere = guess && !inGroup.includes(guess) ? `, served as ${(served.get(guess) ?? []).join(', ')}` : '';
  const release = group.endsWith('.istio.io') ? 'Istio 1.31' : 'Kubernetes 1.36';
  const known = inGroup.length === 0 ? `; ${release} serves nothing in ${group}` : `; known kinds in ${here.length > 0 ? apiVersion : group}: ${inGroup.join(', ')}`;
  return { schema: 'none', error: `unknown kind ${kind} in ${apiVersion}${guess ? ` (did you mean ${guess}${guessWhere}?)` : ''}${known}`, field: 'kind' };
}
