/**
 * Kubernetes manifests checked as `kubectl apply` checks them, by the product's checker
 * (src/manifests/kubernetes-schemas.ts: kubernetes-models' validators compiled from Kubernetes 1.36's
 * OpenAPI schemas, unknown fields refused as strict field validation does), for the kinds it ships.
 */
import { issueMessage, valueAt } from '../../src/manifests/issues.js';
import { groupOf, KUBERNETES_KINDS } from '../../src/manifests/kinds.js';
import { kubernetesIssues } from '../../src/manifests/kubernetes-schemas.js';

// Every built-in group, core ('') included: a CRD group (gateway.networking.k8s.io, *.istio.io) is not one.
const groups = new Set(Object.keys(KUBERNETES_KINDS).map(groupOf));

/** Problems with one Kubernetes object, as the learner reads them (empty when valid). */
export function kubernetesManifestProblems(object: { apiVersion?: string; kind?: string; [field: string]: unknown }): string[] {
  const issues = kubernetesIssues(object);
  if (!issues) return [`no Kubernetes schema for ${object.apiVersion ?? '?'} ${object.kind ?? '?'}`];
  return issues.map((issue) => issueMessage(issue, valueAt(object, issue.path)));
}

/** A built-in Kubernetes API group (core, apps, batch, networking.k8s.io …), whatever the version. */
export function isKubernetesKind(apiVersion: string | undefined): boolean {
  return apiVersion !== undefined && groups.has(groupOf(apiVersion));
}
