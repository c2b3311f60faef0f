// The manifest checker as a learner meets it: a file's text in, FILE:LINE:COL: message lines out, each at
// the key or value at fault, in the words kubectl uses where it has them.
import { describe, expect, it } from 'vitest';
import { checkManifests, formatProblem, visible } from '../../src/manifests/validate-manifests.js';

/** The problems of `text` as the command prints them, the file called m.yaml. */
async function problems(text: string): Promise<string[]> {
  return (await checkManifests(text, 'm.yaml')).problems.map(formatProblem);
}

const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

// After istio.io's traffic-shifting task: reviews split 50/50 between subsets v1 and v3.
const REVIEWS = lines(
  'apiVersion: networking.istio.io/v1', // 1
  'kind: VirtualService', // 2
  'metadata:', // 3
  '  name: reviews', // 4
  'spec:', // 5
  '  hosts:', // 6
  '  - reviews', // 7
  '  http:', // 8
  '  - route:', // 9
  '    - destination:', // 10
  '        host: reviews', // 11
  '        subset: v1', // 12
  '      weight: 50', // 13
  '    - destination:', // 14
  '        host: reviews', // 15
  '        subset: v3', // 16
  '      weight: 50', // 17
);

describe('a VirtualService as Istio documents it', () => {
  it('is valid, and is listed as VirtualService/reviews', async () => {
    const report = await checkManifests(REVIEWS, 'm.yaml');
    expect(report.problems).toEqual([]);
    expect(report.objects).toEqual([{ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', name: 'reviews', line: 1 }]);
  });

  it('with a misspelt field: kubectl\'s "unknown field", at the key, with the field it means', async () => {
    expect(await problems(REVIEWS.replace('  - route:', '  - rout:'))).toEqual(['m.yaml:9:5: unknown field "spec.http[0].rout" (did you mean "route"?)']);
  });

  it('with a weight in quotes: a string where an integer goes, at the value', async () => {
    const text = REVIEWS.replace(/( {6}weight: )50\n( {4}- destination:)/, '$1"50"\n$2');
    expect(await problems(text)).toEqual(['m.yaml:13:15: spec.http[0].route[0].weight: must be an integer, not a string ("50"): write it without quotes']);
  });

  it('with a destination without its required host: at the destination', async () => {
    const text = REVIEWS.replace('    - destination:\n        host: reviews\n        subset: v3', '    - destination:\n        subset: v3');
    expect(await problems(text)).toEqual(['m.yaml:14:7: missing required field "spec.http[0].route[1].destination.host"']);
  });

  it('with hosts as one string, not a list', async () => {
    expect(await problems(REVIEWS.replace('  hosts:\n  - reviews', '  hosts: reviews'))).toEqual([
      'm.yaml:6:10: spec.hosts: must be a list, not a string ("reviews"): make it a list (start the item with "- ")',
    ]);
  });

  it('with two of a match\'s exclusive fields set: only one may be', async () => {
    const text = REVIEWS.replace('  - route:', lines('  - match:', '    - uri:', '        prefix: /a', '        exact: /b', '    route:').trimEnd());
    expect(await problems(text)).toEqual(['m.yaml:10:7: spec.http[0].match[0].uri: set only one of exact, prefix']);
  });

  it('with a timeout without its unit (a CEL rule of the CRD the checker knows)', async () => {
    const text = REVIEWS.replace('  - route:', lines('  - timeout: 5', '    route:').trimEnd());
    expect(await problems(text)).toEqual(['m.yaml:9:14: spec.http[0].timeout: must be a duration: a number with a unit, such as 5s, 250ms or 1m30s (at least 1ms), not an integer (5)']);
  });
});

describe('required fields, as the CRDs and Kubernetes require them', () => {
  // A VirtualService without hosts passes the CRD schema (istiod's webhook refuses it); a ServiceEntry's hosts
  // and a Gateway server's hosts are required by the schema itself.
  it('a ServiceEntry without hosts', async () => {
    const text = lines('apiVersion: networking.istio.io/v1', 'kind: ServiceEntry', 'metadata:', '  name: outside', 'spec:', '  location: MESH_EXTERNAL', '  resolution: DNS', '  ports:', '  - number: 443', '    name: https', '    protocol: TLS');
    expect(await problems(text)).toEqual(['m.yaml:5:1: missing required field "spec.hosts"']);
  });

  it('a Gateway server without hosts, and a port without its protocol', async () => {
    const text = lines('apiVersion: networking.istio.io/v1', 'kind: Gateway', 'metadata:', '  name: gw', 'spec:', '  selector:', '    istio: ingressgateway', '  servers:', '  - port:', '      number: 80', '      name: http');
    expect(await problems(text)).toEqual(['m.yaml:9:5: missing required field "spec.servers[0].hosts"', 'm.yaml:9:5: missing required field "spec.servers[0].port.protocol"']);
  });

  it('a spec left empty ("spec:" alone is no spec): at its key', async () => {
    const text = lines('apiVersion: networking.istio.io/v1', 'kind: WorkloadGroup', 'metadata:', '  name: vm-app', 'spec:', '  # your part');
    expect(await problems(text)).toEqual(['m.yaml:5:1: missing required field "spec"']);
  });

  it('a Deployment without a selector, a container without a name; kubectl apply needs metadata.name', async () => {
    const text = lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  labels: {app: web}', 'spec:', '  template:', '    metadata:', '      labels: {app: web}', '    spec:', '      containers:', '      - image: nginx:1.27');
    expect(await problems(text)).toEqual([
      'm.yaml:3:1: missing required field "metadata.name": kubectl apply needs a name',
      'm.yaml:5:1: missing required field "spec.selector"',
      'm.yaml:11:9: missing required field "spec.template.spec.containers[0].name"',
    ]);
  });
});

describe('Kubernetes kinds', () => {
  const SERVICE = lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '  labels:', '    version: 1', 'spec:', '  type: loadbalancer', '  selector:', '    app: web', '  ports:', '  - port: 80', '    targetPort: http');

  it('a label that YAML reads as a number, a type in the wrong case', async () => {
    expect(await problems(SERVICE)).toEqual([
      'm.yaml:6:14: metadata.labels.version: must be a string, not an integer (1): put it in quotes ("1")',
      'm.yaml:8:9: spec.type: unsupported value "loadbalancer"; supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort" (did you mean "LoadBalancer"?)',
    ]);
  });

  it("yes, no, on and off are booleans to kubectl (YAML 1.1), so an env value of yes is refused", async () => {
    const text = lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', '  - name: c', '    image: busybox', '    env:', '    - name: DEBUG', '      value: yes', '    - name: QUOTED', '      value: "no"');
    expect(await problems(text)).toEqual(['m.yaml:11:14: spec.containers[0].env[0].value: must be a string, not a boolean (YAML reads yes as true): put it in quotes ("yes")']);
  });

  it('a memory limit that is not a quantity; Secret data that is not base64', async () => {
    const pod = lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: c', '    image: busybox', '    resources:', '      limits: {memory: lots}');
    expect(await problems(pod)).toEqual(['m.yaml:9:24: spec.containers[0].resources.limits.memory: must be a quantity such as 100m, 0.5, 64Mi or 1Gi, not a string ("lots")']);
    const secret = lines('apiVersion: v1', 'kind: Secret', 'metadata: {name: s}', 'data:', '  password: hunter2');
    expect(await problems(secret)).toEqual(['m.yaml:5:13: data.password: must be base64-encoded (for plain text use stringData instead of data), not a string ("hunter2")']);
  });

  it('an unknown top-level field and one in metadata', async () => {
    const text = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', '  nmaespace: x', 'date:', '  a: b');
    expect(await problems(text)).toEqual(['m.yaml:5:3: unknown field "metadata.nmaespace" (did you mean "namespace"?)', 'm.yaml:6:1: unknown field "date" (did you mean "data"?)']);
  });
});

describe('apiVersion and kind', () => {
  it('a misspelt kind: the kinds known there, the nearest one suggested', async () => {
    expect(await problems(lines('apiVersion: networking.istio.io/v1', 'kind: VirtualServce', 'metadata: {name: x}'))).toEqual([
      'm.yaml:2:7: unknown kind VirtualServce in networking.istio.io/v1 (did you mean VirtualService?); known kinds in networking.istio.io/v1: DestinationRule, Gateway, ServiceEntry, Sidecar, VirtualService, WorkloadEntry, WorkloadGroup',
    ]);
  });

  it('a kind under an apiVersion that does not serve it', async () => {
    expect(await problems(lines('apiVersion: extensions/v1beta1', 'kind: Ingress', 'metadata: {name: x}'))).toEqual(['m.yaml:1:13: Kubernetes 1.36 serves Ingress as networking.k8s.io/v1, not extensions/v1beta1']);
    expect(await problems(lines('apiVersion: v1', 'kind: Deployment', 'metadata: {name: x}'))).toEqual(['m.yaml:1:13: Kubernetes 1.36 serves Deployment as apps/v1, not v1']);
    expect(await problems(lines('apiVersion: networking.istoi.io/v1', 'kind: Gateway', 'metadata: {name: x}'))).toEqual([
      'm.yaml:1:13: Istio 1.31 serves Gateway as networking.istio.io/v1, networking.istio.io/v1alpha3, networking.istio.io/v1beta1, not networking.istoi.io/v1',
    ]);
  });

  it('a kind the workshop has no schema for is a warning: the cluster checks it', async () => {
    const report = await checkManifests(lines('apiVersion: gateway.networking.k8s.io/v1', 'kind: HTTPRoute', 'metadata: {name: r}', 'spec: {anything: goes}'), 'm.yaml');
    expect(report.problems.map(formatProblem)).toEqual(['m.yaml:2:7: warning: no schema shipped for gateway.networking.k8s.io/v1 HTTPRoute; kubectl will check it on apply']);
    expect(report.problems[0]?.severity).toBe('warning');
    expect(await problems(lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: Role', 'metadata: {name: r}', 'rules: []'))).toEqual([]);
    expect(await problems(lines('apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata: {name: h}'))).toEqual([
      'm.yaml:2:7: warning: no schema shipped for autoscaling/v2 HorizontalPodAutoscaler; kubectl will check it on apply',
    ]);
  });

  it('a document without apiVersion or kind, and one that is not a mapping', async () => {
    expect(await problems(lines('metadata:', '  name: x', 'spec: {}'))).toEqual(['m.yaml:1:1: missing apiVersion and kind: every object names both (for example apiVersion: networking.istio.io/v1 and kind: VirtualService)']);
    expect(await problems(lines('kind: Pod'))).toEqual(['m.yaml:1:1: missing apiVersion: every object names both (for example apiVersion: networking.istio.io/v1 and kind: VirtualService)']);
    expect(await problems(lines('- a', '- b'))).toEqual(['m.yaml:1:1: expected a Kubernetes object (a mapping with apiVersion, kind and metadata), not a list']);
  });
});

describe('YAML', () => {
  it('a syntax error, at the line where the mistake is (a key indented under a value)', async () => {
    const text = lines('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: hello', '   labels:', '    app: hello');
    expect(await problems(text)).toEqual(['m.yaml:5:4: YAML: this line is indented more than the key above it, which already has a value: a key cannot run over two lines (check the indentation)']);
  });

  it("the parser's own words otherwise, with its position", async () => {
    expect(await problems(lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '\tname: x'))).toEqual(['m.yaml:4:1: YAML: Tabs are not allowed as indentation']);
    expect(await problems(lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: x}', 'data:', '  a: 1', '  a: 2'))).toEqual(['m.yaml:6:3: YAML: Map keys must be unique']);
  });

  it('several documents: each problem at its line in the file; empty documents are skipped', async () => {
    const text = lines('---', '# nothing here', '---', REVIEWS.trimEnd(), '---', '---', 'apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  ports:', '  - port: "80"');
    const report = await checkManifests(text, 'm.yaml');
    expect(report.problems.map(formatProblem)).toEqual(['m.yaml:28:11: spec.ports[0].port: must be an integer, not a string ("80"): write it without quotes']);
    expect(report.objects.map(({ kind, name, line }) => `${kind}/${name}@${line}`)).toEqual(['VirtualService/reviews@4', 'Service/web@23']);
    // A YAML error in one document leaves the others checked.
    const broken = lines(REVIEWS.trimEnd(), '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: [x}', '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: other}', 'dta: {}');
    expect((await problems(broken)).map((line) => line.replace(/: YAML: .*/, ': YAML'))).toEqual(['m.yaml:21:20: YAML', 'm.yaml:26:1: unknown field "dta" (did you mean "data"?)']);
  });

  it('a file of comments only holds no objects and no problems', async () => {
    expect(await checkManifests('# to do\n', 'm.yaml')).toEqual({ problems: [], objects: [] });
    expect(await checkManifests('', 'm.yaml')).toEqual({ problems: [], objects: [] });
  });
});

describe('control characters', () => {
  it('in the file: an error (kubectl refuses them), and shown as escapes in every message', async () => {
    const text = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data:', '  a: "ok"', 'x\u001b[31m: red', 'y\u0085z: 1');
    const shown = await problems(text);
    expect(shown).toEqual(['m.yaml:6:2: control character U+001B is not allowed in YAML; kubectl refuses the file', 'm.yaml:6:1: unknown field "x\\u001b[31m"', 'm.yaml:7:1: unknown field "y\\u0085z"'].sort(byPosition));
    // eslint-disable-next-line no-control-regex
    for (const line of shown) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it("in an object's name, for the summary of a valid file", async () => {
    const { objects } = await checkManifests(lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: "c\u001b[2Jd"'), 'm.yaml');
    expect(objects.map(({ kind, name }) => `${kind}/${name}`)).toEqual(['ConfigMap/c\\u001b[2Jd']);
  });

  it('in a file name, and the marks that reorder a line', () => {
    expect(formatProblem({ file: 'a\u001b]0;x\u0007.yaml', line: 1, col: 2, severity: 'error', message: 'bad \u202e field\tnext\nline' })).toBe('a\\u001b]0;x\\u0007.yaml:1:2: bad \\u202e field\\tnext\\nline');
    expect(visible('plain text, ümlauts and 日本語')).toBe('plain text, ümlauts and 日本語');
  });
});

function byPosition(a: string, b: string): number {
  const at = (line: string) => line.split(':').slice(1, 3).map(Number) as [number, number];
  const [la, ca] = at(a);
  const [lb, cb] = at(b);
  return la - lb || ca - cb;
}
