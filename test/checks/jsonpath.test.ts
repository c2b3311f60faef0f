import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateJsonPath } from '../../src/checks/jsonpath.js';
import { errorOf } from '../helpers/jsonpath-errors.js';

// The template-by-template tests (expectations taken from kubectl v1.32) are in jsonpath-language.test.ts; this
// file runs the real kubectl, so the mutation runs (vitest.mutation.config.ts) leave it out.


// ---------------------------------------------------------------------------
// Differential test against the real kubectl.
//
// `kubectl label/patch --local -f list.json` flattens a List and prints each
// item separately, so it cannot show what `kubectl get pods -o jsonpath` sees.
// Instead a throwaway API server on 127.0.0.1 serves the fixture and the real
// `kubectl get pods` runs against it (KUBECONFIG=/dev/null, --server, a temp
// --cache-dir and HOME, so no real config or cluster is involved). The server
// lives in this process, so kubectl must run asynchronously (execFileSync
// would block the event loop the server needs).
// ---------------------------------------------------------------------------

const hasKubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore', env: { ...process.env, KUBECONFIG: '/dev/null' } });
    return true;
  } catch {
    return false;
  }
})();

const lastApplied =
  '{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"helloworld"},"name":"helloworld-v1"}}\n';

function helloworldPod(name: string, version: string, podIP: string, restartCount: number) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: { app: 'helloworld', version },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': lastApplied,
        'prometheus.io/path': '/stats/prometheus?format=text&x=<1>',
      },
      creationTimestamp: '2024-05-01T10:00:00Z',
    },
    spec: {
      nodeName: 'mesh-control-plane',
      terminationGracePeriodSeconds: 30,
      imagePullSecrets: version === 'v1' ? [{ name: 'regcred' }] : [],
      containers: [
        {
          name: 'helloworld',
          image: `docker.io/istio/examples-helloworld-${version}:1.0`,
          ports: [{ containerPort: 5000, protocol: 'TCP' }],
          resources: { requests: { cpu: '100m' } },
        },
        { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.22.0', ports: [{ containerPort: 15090, name: 'http-envoy-prom' }] },
      ],
    },
    status: {
      phase: 'Running',
      podIP,
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
      ],
      containerStatuses: [
        { name: 'helloworld', ready: true, restartCount },
        { name: 'istio-proxy', ready: true, restartCount: 0 },
      ],
    },
  };
}

const podList = {
  apiVersion: 'v1',
  kind: 'PodList',
  metadata: { resourceVersion: '4242' },
  items: [
    helloworldPod('helloworld-v1-7c4d9b5f8-x2lkq', 'v1', '10.244.0.12', 0),
    helloworldPod('helloworld-v2-6b8f4c9d7-9pqzt', 'v2', '10.244.0.13', 2),
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'sleep-5d9f8c7b6-kq7wz',
        namespace: 'default',
        labels: { app: 'sleep' },
        // Go's key order (UTF-8 bytes) is not JS's (UTF-16) here, and Go reads a lone surrogate as U+FFFD.
        annotations: { '\u{1F600}': 'astral', '\uffff': 'ffff', '\ue000': 'e000', order: '\u{1F600}', odd: 'x\ud800<y>&\u2028' },
      },
      spec: {
        terminationGracePeriodSeconds: 0,
        imagePullSecrets: [{ name: 'other' }],
        containers: [{ name: 'sleep', image: 'curlimages/curl', command: ['/bin/sleep', 'infinity'] }],
      },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
        containerStatuses: [{ name: 'sleep', ready: false, restartCount: 3 }],
      },
    },
  ],
};

/** What `kubectl get pods` hands to its JSONPath printer. */
const kubectlGetView = {
  apiVersion: 'v1',
  kind: 'List',
  metadata: { resourceVersion: '' },
  items: podList.items,
};

const outputTemplates = [
  '{.items[*].metadata.name}',
  '{.items[*].status.phase}',
  '{.items[?(@.metadata.labels.app=="helloworld")].metadata.name}',
  '{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}',
  '{range .items[*]}{.metadata.name}:{range .spec.containers[*]} {.name}={.image}{end}{"\\n"}{end}',
  '{.items[0].metadata.labels}',
  '{.items[0].metadata.annotations}',
  '{.items[0].spec.containers[0]}',
  '{.items[-1].metadata.name}',
  '{.items[0:2].metadata.name} {.items[1:].metadata.name} {.items[::2].metadata.name}',
  '{.items[0,2].metadata.name}',
  "{.items[*].metadata.labels['version']}",
  '{.items[0].metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}',
  '{..podIP}',
  '{.items[*].status.conditions[?(@.type=="Ready")].status}',
  '{.items[?(@.status.containerStatuses[0].restartCount>0)].metadata.name}',
  '{.items[?(@.status.podIP)].metadata.name}',
  '{.items[?(@.status.phase!="Running")].metadata.name}',
  '{.items[?(@.metadata.name<"sleep")].metadata.name}',
  '{.items[?(@.spec.terminationGracePeriodSeconds>=30)].metadata.name}',
  '{.kind} {.apiVersion} {.metadata}',
  '{.items[*].status.containerStatuses[*].ready}',
  '{.items[*].spec.nodeName}',
  '{.items[*].spec.imagePullSecrets[*].name}',
  '{.items[2].metadata.labels.*}',
  '{.items[0].spec.containers[1].ports[0].*}',
  'pods: {.items[0].metadata.name}, {"\\u00e9\\x41\\101"}{\'it\\\'s\'} }',
  '{.items[2].metadata.annotations}',
  '{.items[?(@.metadata.annotations.order>"\uffff")].metadata.name}',
];

const errorTemplates = [
  '{.items[0}',
  '{.metadata.name',
  '{!.kind}',
  '{.items[?(@.status.phase=="Running")}',
  '{"\\q"}',
  '{.items[5].metadata.name}',
  '{end}',
  '{.items[?(@.spec.terminationGracePeriodSeconds>1.5)]}',
  // Out of int64 range, strconv.Atoi fails: no index, and the literal is a float.
  '{.items[99999999999999999999]}',
  '{.items[?(@.spec.terminationGracePeriodSeconds==99999999999999999999)]}',
];

describe.skipIf(!hasKubectl)('differential: kubectl get pods -o jsonpath', () => {
  const execFileAsync = promisify(execFile);
  let tmp = '';
  let server: http.Server | undefined;
  let serverUrl = '';

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jsonpath-diff-'));
    const fixturePath = path.join(tmp, 'pods.json');
    fs.writeFileSync(fixturePath, JSON.stringify(podList));
    server = http.createServer((request, response) => {
      const route = new URL(request.url ?? '/', 'http://localhost').pathname;
      const body = route === '/api/v1/namespaces/default/pods' ? fs.readFileSync(fixturePath, 'utf8') : discovery[route];
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
      response.end(body ?? '{"kind":"Status","apiVersion":"v1","status":"Failure","code":404}');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function kubectl(template: string, extra: string[] = []): Promise<{ stdout: string; stderr: string; ok: boolean }> {
    const args = ['get', 'pods', '--server', serverUrl, '--cache-dir', path.join(tmp, 'cache'), '-o', `jsonpath=${template}`, ...extra];
    const env = { ...process.env, KUBECONFIG: '/dev/null', HOME: tmp };
    try {
      const { stdout, stderr } = await execFileAsync('kubectl', args, { env, timeout: 30_000 });
      return { stdout, stderr, ok: true };
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      return { stdout: failed.stdout ?? '', stderr: failed.stderr ?? '', ok: false };
    }
  }

  it.each(outputTemplates)('prints the same as kubectl for %s', async (template) => {
    const real = await kubectl(template);
    expect(real.stderr).toBe('');
    const ours = evaluateJsonPath(template, kubectlGetView);
    // Go visits a map's keys in random order for `.*`, so kubectl's own output varies between runs there:
    // compare those as sets of words; everything else byte for byte.
    const wordSet = (text: string): string[] => text.split(' ').sort();
    if (/\.\*\}$/.test(template)) expect(wordSet(ours)).toEqual(wordSet(real.stdout));
    else expect(ours).toBe(real.stdout);
  });

  it.each(errorTemplates)('fails like kubectl for %s', async (template) => {
    const real = await kubectl(template);
    expect(real.ok).toBe(false);
    const ours = errorOf(() => evaluateJsonPath(template, kubectlGetView));
    // kubectl wraps our message: "error parsing jsonpath <t>, <msg>" or
    // "Error executing template: <msg>. Printing more information...".
    expect(real.stderr).toMatch(new RegExp(`(, |Error executing template: )${escapeRegExp(ours.message)}(\\n|\\. Printing)`));
  });

  it('agrees on --allow-missing-template-keys=false', async () => {
    const flag = ['--allow-missing-template-keys=false'];
    const present = '{.items[*].status.podIP}';
    expect(evaluateJsonPath(present, kubectlGetView, { allowMissingKeys: false })).toBe((await kubectl(present, flag)).stdout);

    const missing = '{range .items[*]}{.status.podIP}{end}';
    const real = await kubectl(missing, flag);
    expect(real.ok).toBe(false);
    const ours = errorOf(() => evaluateJsonPath(missing, kubectlGetView, { allowMissingKeys: false }));
    expect(ours.message).toBe('podIP is not found');
    expect(real.stderr).toContain(`Error executing template: ${ours.message}.`);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Just enough legacy discovery for `kubectl get pods`. */
const discovery: Record<string, string> = {
  '/version': JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0' }),
  '/api': JSON.stringify({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] }),
  '/apis': JSON.stringify({ kind: 'APIGroupList', apiVersion: 'v1', groups: [] }),
  '/api/v1': JSON.stringify({
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] }],
  }),
};
