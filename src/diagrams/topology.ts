/**
 * "Your clusters now": a diagram model built from what the clusters report (`kubectl get … -o json`
 * List documents): istiod and the gateways, each namespace's services and workloads (pods grouped by
 * app and version, with or without a sidecar), ServiceEntries, WorkloadEntries, the mesh-wide mTLS mode,
 * and each service linked to the workloads it selects. Drawn by the same renderer as the bundled diagrams.
 */
import type { Diagram, DiagramLink, DiagramNode } from './schema.js';

interface Meta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
}
interface Item {
  apiVersion?: string;
  kind?: string;
  metadata?: Meta;
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface ClusterReport {
  name: string;
  /** Every item of the List documents kubectl returned for this cluster. */
  items: readonly Item[];
}

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage', 'metallb-system', 'istio-system']);

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/** Istio's sidecar: a container named istio-proxy, or (native sidecars) an init container of that name. */
function hasSidecar(pod: Item): boolean {
  const spec = pod.spec as { containers?: { name?: string }[]; initContainers?: { name?: string }[] } | undefined;
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].some((container) => container.name === 'istio-proxy');
}

/** Pods grouped as their workload: app and version labels, else the name without its generated suffixes. */
function workloadName(pod: Item): string {
  const labels = pod.metadata?.labels ?? {};
  const app = labels.app ?? labels['app.kubernetes.io/name'];
  if (app) return labels.version ? `${app} ${labels.version}` : app;
  return (pod.metadata?.name ?? 'pod').replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, '').replace(/-[a-z0-9]{5}$/, '');
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

export function topologyFromReports(reports: readonly ClusterReport[]): Diagram {
  const links: DiagramLink[] = [];
  const clusters = reports.map((report) => {
    const prefix = slug(report.name);
    const of = (kind: string) => report.items.filter((item) => item.kind === kind);
    const pods = of('Pod');
    const network = of('Namespace').find((namespace) => namespace.metadata?.name === 'istio-system')?.metadata?.labels?.['topology.istio.io/network'];
    const meshMode = (of('PeerAuthentication').find((policy) => policy.metadata?.namespace === 'istio-system')?.spec as { mtls?: { mode?: string } } | undefined)?.mtls?.mode;

    // The control plane and gateways, from istio-system's pods.
    const control: DiagramNode[] = [];
    const istiod = pods.filter((pod) => pod.metadata?.namespace === 'istio-system' && pod.metadata.labels?.app === 'istiod');
    if (istiod.length > 0) control.push({ id: `${prefix}-istiod`, kind: 'istiod', label: 'istiod', detail: `${istiod.length} pod${istiod.length === 1 ? '' : 's'}` });
    const gateways = new Map<string, number>();
    for (const pod of pods) {
      const gateway = pod.metadata?.labels?.istio;
      if (gateway && /gateway/.test(gateway)) gateways.set(gateway, (gateways.get(gateway) ?? 0) + 1);
    }
    for (const [gateway, count] of gateways) control.push({ id: `${prefix}-${slug(gateway)}`, kind: 'gateway', label: gateway, detail: `${count} pod${count === 1 ? '' : 's'}` });

    // Each application namespace: its services, then its workloads.
    const namespaces = [...new Set([...pods, ...of('Service')].map((item) => item.metadata?.namespace ?? 'default'))].filter((namespace) => !SYSTEM_NAMESPACES.has(namespace)).sort();
    const rows: DiagramNode[][] = control.length > 0 ? [control] : [];
    for (const namespace of namespaces) {
      const workloads = new Map<string, { pods: Item[]; sidecar: boolean }>();
      for (const pod of pods.filter((item) => item.metadata?.namespace === namespace)) {
        const name = workloadName(pod);
        const entry = workloads.get(name) ?? { pods: [], sidecar: false };
        entry.pods.push(pod);
        entry.sidecar ||= hasSidecar(pod);
        workloads.set(name, entry);
      }
      const services = of('Service').filter((service) => service.metadata?.namespace === namespace && service.metadata.name !== 'kubernetes');
      const serviceRow: DiagramNode[] = services.map((service) => ({ id: `${prefix}-svc-${slug(namespace)}-${slug(service.metadata?.name ?? 'svc')}`, kind: 'service', label: service.metadata?.name ?? 'svc', detail: namespace }));
      const workloadRow: DiagramNode[] = [...workloads].map(([name, entry]) => ({ id: `${prefix}-wl-${slug(namespace)}-${slug(name)}`, kind: 'pod', label: name, detail: `${entry.pods.length} pod${entry.pods.length === 1 ? '' : 's'}`, sidecar: entry.sidecar }));
      for (const service of services) {
        const selector = (service.spec as { selector?: Record<string, string> } | undefined)?.selector;
        for (const [name, entry] of workloads) {
          if (entry.pods.some((pod) => selects(selector, pod.metadata?.labels))) links.push({ from: `${prefix}-svc-${slug(namespace)}-${slug(service.metadata?.name ?? 'svc')}`, to: `${prefix}-wl-${slug(namespace)}-${slug(name)}`, kind: 'request' });
        }
      }
      if (serviceRow.length > 0) rows.push(serviceRow);
      if (workloadRow.length > 0) rows.push(workloadRow);
    }
    // What the mesh knows beyond the cluster: ServiceEntries and WorkloadEntries (a VM).
    const entries: DiagramNode[] = [
      ...of('ServiceEntry').map((entry): DiagramNode => ({ id: `${prefix}-se-${slug(entry.metadata?.name ?? 'se')}`, kind: 'service', label: (entry.spec as { hosts?: string[] } | undefined)?.hosts?.[0] ?? entry.metadata?.name ?? 'ServiceEntry', detail: 'ServiceEntry' })),
      ...of('WorkloadEntry').map((entry): DiagramNode => ({ id: `${prefix}-we-${slug(entry.metadata?.name ?? 'we')}`, kind: 'vm', label: entry.metadata?.name ?? 'WorkloadEntry', detail: (entry.spec as { address?: string } | undefined)?.address ?? 'WorkloadEntry', sidecar: true })),
    ];
    if (entries.length > 0) rows.push(entries);
    if (rows.length === 0) rows.push([{ id: `${prefix}-empty`, kind: 'note', label: 'nothing deployed yet' }]);
    return { name: report.name, ...(network ? { network } : {}), rows, ...(meshMode ? { note: `mesh-wide mTLS: ${meshMode}` } : {}) };
  });
  return { title: 'Your clusters now', source: 'kubectl get namespaces,services,pods and Istio resources, just now', clusters, links };
}
