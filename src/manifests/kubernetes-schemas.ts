/**
 * The shipped Kubernetes 1.36 schemas (kinds.ts says which and why): kubernetes-models' compiled
 * validators, bundled from the devDependency into this lazily loaded module.
 */
import { validate as daemonSet } from 'kubernetes-models/_schemas/IoK8sApiAppsV1DaemonSet';
import { validate as deployment } from 'kubernetes-models/_schemas/IoK8sApiAppsV1Deployment';
import { validate as statefulSet } from 'kubernetes-models/_schemas/IoK8sApiAppsV1StatefulSet';
import { validate as cronJob } from 'kubernetes-models/_schemas/IoK8sApiBatchV1CronJob';
import { validate as job } from 'kubernetes-models/_schemas/IoK8sApiBatchV1Job';
import { validate as configMap } from 'kubernetes-models/_schemas/IoK8sApiCoreV1ConfigMap';
import { validate as namespace } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Namespace';
import { validate as persistentVolumeClaim } from 'kubernetes-models/_schemas/IoK8sApiCoreV1PersistentVolumeClaim';
import { validate as pod } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Pod';
import { validate as secret } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Secret';
import { validate as service } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Service';
import { validate as serviceAccount } from 'kubernetes-models/_schemas/IoK8sApiCoreV1ServiceAccount';
import { validate as ingress } from 'kubernetes-models/_schemas/IoK8sApiNetworkingV1Ingress';
import { validate as networkPolicy } from 'kubernetes-models/_schemas/IoK8sApiNetworkingV1NetworkPolicy';
import { validate as podDisruptionBudget } from 'kubernetes-models/_schemas/IoK8sApiPolicyV1PodDisruptionBudget';
import { validate as clusterRole } from 'kubernetes-models/_schemas/IoK8sApiRbacV1ClusterRole';
import { validate as clusterRoleBinding } from 'kubernetes-models/_schemas/IoK8sApiRbacV1ClusterRoleBinding';
import { validate as role } from 'kubernetes-models/_schemas/IoK8sApiRbacV1Role';
import { validate as roleBinding } from 'kubernetes-models/_schemas/IoK8sApiRbacV1RoleBinding';
import { compiledIssues, type CompiledValidator } from './compiled-check.js';
import type { Issue } from './issues.js';

/** Each shipped kind's validator, by `apiVersion kind` (the keys are kinds.ts's KUBERNETES_SCHEMA_KINDS). */
export const KUBERNETES_VALIDATORS: ReadonlyMap<string, CompiledValidator> = new Map(
  Object.entries({
    'v1 Namespace': namespace,
    'v1 ServiceAccount': serviceAccount,
    'v1 ConfigMap': configMap,
    'v1 Secret': secret,
    'v1 Service': service,
    'v1 Pod': pod,
    'v1 PersistentVolumeClaim': persistentVolumeClaim,
    'apps/v1 Deployment': deployment,
    'apps/v1 StatefulSet': statefulSet,
    'apps/v1 DaemonSet': daemonSet,
    'batch/v1 Job': job,
    'batch/v1 CronJob': cronJob,
    'networking.k8s.io/v1 Ingress': ingress,
    'networking.k8s.io/v1 NetworkPolicy': networkPolicy,
    'policy/v1 PodDisruptionBudget': podDisruptionBudget,
    'rbac.authorization.k8s.io/v1 Role': role,
    'rbac.authorization.k8s.io/v1 RoleBinding': roleBinding,
    'rbac.authorization.k8s.io/v1 ClusterRole': clusterRole,
    'rbac.authorization.k8s.io/v1 ClusterRoleBinding': clusterRoleBinding,
  }).map(([key, validate]) => [key, validate as CompiledValidator]),
);

/** The issues of a Kubernetes object of a shipped kind; undefined when its kind has no schema here. */
export function kubernetesIssues(object: { apiVersion?: unknown; kind?: unknown }): Issue[] | undefined {
  const validate = KUBERNETES_VALIDATORS.get(`${String(object.apiVersion)} ${String(object.kind)}`);
  return validate ? compiledIssues(validate, object) : undefined;
}

