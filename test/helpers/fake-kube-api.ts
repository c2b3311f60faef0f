/**
 * A loopback Kubernetes API server for the real kubectl to read: just enough discovery for `kubectl get`
 * of pods, events, namespaces, Services and Deployments, and `kubectl logs`, each answered with the JSON
 * the API server returns (a PodList's items without kind, a Status for NotFound). Objects come as the
 * text of fixture files, served as they are. No authentication: kubectl is pointed at it by a kubeconfig
 * (writeKubeconfig) or --server. Like test/checks/jsonpath.test.ts's server, but for several kinds.
 */
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeClusterObjects {
  /** Namespace → PodList JSON. */
  pods?: Record<string, string>;
  /** Namespace → EventList JSON (served for any field selector: keep only Warning events in it). */
  events?: Record<string, string>;
  /** Name → Namespace JSON; others are NotFound. */
  namespaces?: Record<string, string>;
  /** ServiceList JSON, for `get services -A`. */
  services?: string;
  /** `namespace/name` → Deployment JSON; others are NotFound. */
  deployments?: Record<string, string>;
  /** `namespace/pod/container` → log text (`--previous` or not). */
  logs?: Record<string, string>;
  /** Requests whose path matches are never answered (an API server that hangs). */
  hang?: RegExp;
}

export interface FakeKubeApi {
  url: string;
  /** Each request's method and path with query, in order. */
  requests: string[];
  close(): Promise<void>;
}

const DISCOVERY: Record<string, unknown> = {
  '/version': { major: '1', minor: '36', gitVersion: 'v1.36.0', platform: 'linux/amd64' },
  '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }] },
  '/apis': {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [{ name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } }],
  },
  '/api/v1': {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [
      { name: 'events', singularName: 'event', namespaced: true, kind: 'Event', verbs: ['get', 'list'], shortNames: ['ev'] },
      { name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['get', 'list'], shortNames: ['ns'] },
      { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'], categories: ['all'] },
      { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
      { name: 'services', singularName: 'service', namespaced: true, kind: 'Service', verbs: ['get', 'list'], shortNames: ['svc'], categories: ['all'] },
    ],
  },
  '/apis/apps/v1': {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: 'apps/v1',
    resources: [{ name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['get', 'list'], shortNames: ['deploy'], categories: ['all'] }],
  },
};

function emptyList(kind: string): string {
  return JSON.stringify({ kind, apiVersion: 'v1', metadata: { resourceVersion: '1400' }, items: [] });
}

function notFound(response: ServerResponse, kind: string, name: string): void {
  response.writeHead(404, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${kind} "${name}" not found`, reason: 'NotFound', details: { name, kind }, code: 404 }));
}

function answer(objects: FakeClusterObjects, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const route = url.pathname;
  const json = (body: string): void => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  };
  const discovery = DISCOVERY[route];
  if (discovery) return json(JSON.stringify(discovery));
  let match = /^\/api\/v1\/namespaces\/([^/]+)\/pods$/.exec(route);
  if (match) return json(objects.pods?.[match[1] ?? ''] ?? emptyList('PodList'));
  match = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/.exec(route);
  if (match) {
    const log = objects.logs?.[`${match[1]}/${match[2]}/${url.searchParams.get('container') ?? ''}`];
    if (log === undefined) return notFound(response, 'pods', match[2] ?? '');
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(log);
    return;
  }
  match = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/.exec(route);
  if (match) {
    const list = JSON.parse(objects.pods?.[match[1] ?? ''] ?? emptyList('PodList')) as { items: { metadata: { name: string } }[] };
    const pod = list.items.find((item) => item.metadata.name === match?.[2]);
    return pod ? json(JSON.stringify({ kind: 'Pod', apiVersion: 'v1', ...pod })) : notFound(response, 'pods', match[2] ?? '');
  }
  match = /^\/api\/v1\/namespaces\/([^/]+)\/events$/.exec(route);
  if (match) return json(objects.events?.[match[1] ?? ''] ?? emptyList('EventList'));
  match = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(route);
  if (match) {
    const namespace = objects.namespaces?.[match[1] ?? ''];
    return namespace ? json(namespace) : notFound(response, 'namespaces', match[1] ?? '');
  }
  if (route === '/api/v1/services') return json(objects.services ?? emptyList('ServiceList'));
  match = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)$/.exec(route);
  if (match) {
    const deployment = objects.deployments?.[`${match[1]}/${match[2]}`];
    return deployment ? json(deployment) : notFound(response, 'deployments.apps', match[2] ?? '');
  }
  response.writeHead(404, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', code: 404 }));
}

export async function startFakeKubeApi(objects: FakeClusterObjects): Promise<FakeKubeApi> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method ?? 'GET'} ${request.url ?? '/'}`);
    if (objects.hang?.test(new URL(request.url ?? '/', 'http://localhost').pathname)) return;
    answer(objects, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A kubeconfig with one context per entry, each on its own server. The fake asks for no credentials; a
 * token is there all the same, or kubectl would ask for a user name when a server is https.
 */
export function writeKubeconfig(file: string, contexts: Readonly<Record<string, string>>): void {
  const names = Object.keys(contexts);
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${names[0] ?? '""'}`,
    'clusters:',
    ...names.flatMap((name) => [`- name: ${name}`, '  cluster:', `    server: ${contexts[name] ?? ''}`]),
    'contexts:',
    ...names.flatMap((name) => [`- name: ${name}`, '  context:', `    cluster: ${name}`, `    user: ${name}`]),
    'users:',
    ...names.flatMap((name) => [`- name: ${name}`, '  user:', '    token: mesh-workshop-test']),
    '',
  ].join('\n');
  writeFileSync(file, yaml, { mode: 0o600 });
}
