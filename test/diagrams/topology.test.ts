// The live topology from List documents shaped as the Kubernetes API returns them (written for this test
// after the API reference: v1 Namespace, Pod, Service; networking.istio.io/v1 ServiceEntry, WorkloadEntry;
// security.istio.io/v1 PeerAuthentication), then drawn and checked like the bundled diagrams.
import { describe, expect, it } from 'vitest';
import { topologyFromReports, type ClusterReport } from '../../src/diagrams/topology.js';
import { renderDiagram } from '../../src/views/diagram.js';
import { pictureProblems } from '../helpers/diagram-validator.js';

const pod = (namespace: string, name: string, labels: Record<string, string>, containers: string[], initContainers: string[] = []) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: containers.map((container) => ({ name: container, image: `${container}:1` })), ...(initContainers.length > 0 ? { initContainers: initContainers.map((container) => ({ name: container, image: 'proxyv2:1.31.1', restartPolicy: 'Always' })) } : {}) },
  status: { phase: 'Running' },
});

const cluster1: ClusterReport = {
  name: 'kind-cluster1',
  items: [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system', labels: { 'topology.istio.io/network': 'network1' } } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'sample', labels: { 'istio-injection': 'enabled' } } },
    pod('istio-system', 'istiod-7d4b8c9f6-x2k7q', { app: 'istiod', istio: 'pilot' }, ['discovery']),
    pod('istio-system', 'istio-ingressgateway-5d94fbb578-n9x5t', { app: 'istio-ingressgateway', istio: 'ingressgateway' }, ['istio-proxy']),
    pod('sample', 'helloworld-v1-776f57d5f6-s7zfc', { app: 'helloworld', version: 'v1' }, ['helloworld', 'istio-proxy']),
    // A native sidecar (Kubernetes 1.29+): istio-proxy as an init container that keeps running.
    pod('sample', 'helloworld-v2-54df5f84b-9x8kd', { app: 'helloworld', version: 'v2' }, ['helloworld'], ['istio-init', 'istio-proxy']),
    pod('sample', 'curl-6dc7bd7bd6-qfztz', { app: 'curl' }, ['curl']),
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'helloworld', namespace: 'sample' }, spec: { selector: { app: 'helloworld' }, ports: [{ name: 'http', port: 5000 }] } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { ports: [{ port: 443 }] } },
    { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'helloworld-mesh2', namespace: 'sample' }, spec: { hosts: ['helloworld.sample.mesh2'], location: 'MESH_INTERNAL' } },
    { apiVersion: 'networking.istio.io/v1', kind: 'WorkloadEntry', metadata: { name: 'vm-1', namespace: 'vm' }, spec: { address: '172.18.0.10', labels: { app: 'helloworld' } } },
    { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } },
  ],
};
const cluster2: ClusterReport = { name: 'kind-cluster2', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }] };

describe('topologyFromReports', () => {
  const model = topologyFromReports([cluster1, cluster2]);
  it('reads the control plane, gateways, services, workloads with and without sidecars, and the mesh entries', () => {
    const [first, second] = model.clusters;
    expect(first?.network).toBe('network1');
    expect(first?.note).toBe('mesh-wide mTLS: STRICT');
    expect(first?.rows.map((row) => row.map((node) => `${node.kind}:${node.label}${node.sidecar ? '+envoy' : ''}`))).toEqual([
      ['istiod:istiod', 'gateway:ingressgateway'],
      ['service:helloworld'],
      ['pod:helloworld v1+envoy', 'pod:helloworld v2+envoy', 'pod:curl'],
      ['service:helloworld.sample.mesh2', 'vm:vm-1+envoy'],
    ]);
    expect(model.links?.map((link) => `${link.from} → ${link.to}`)).toEqual(['kind-cluster1-svc-sample-helloworld → kind-cluster1-wl-sample-helloworld-v1', 'kind-cluster1-svc-sample-helloworld → kind-cluster1-wl-sample-helloworld-v2']);
    expect(second?.rows).toEqual([[{ id: 'kind-cluster2-empty', kind: 'note', label: 'nothing deployed yet' }]]);
  });

  it.each([60, 80, 120, 160])('draws as a sound picture at %i columns', (width) => {
    expect(pictureProblems(renderDiagram(model, { width }), width, model, false)).toEqual([]);
  });
});
