/**
 * Secrets of every kind planted in every source a support bundle reads, beside markers that must survive.
 * A test writes the local sources into a state directory, gives the bundle the rest (command outputs, the
 * doctor, the diagnosis), then scans every byte of the archive for the secrets and finds every marker.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ToolResult } from '../../src/cluster/exec.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
export const RSA_KEY = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
export const PKCS8_KEY = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
export const EC_KEY = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const indent = (text: string, by: string): string => text.trimEnd().split('\n').map((line) => `${by}${line}`).join('\n');

export const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InBsYW50ZWQtazEifQ.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoicGxhbnRlZC1zYSJ9.cGxhbnRlZC1zaWduYXR1cmUtMDAx';
/** The public part of a client certificate: its own marker, to show client-certificate-data is redacted anyway. */
const CLIENT_CERT = '-----BEGIN CERTIFICATE-----\nMIIBplantedClientCertificatePublicPart0000000000000000000000000000\n-----END CERTIFICATE-----\n';
const CA_CERT = '-----BEGIN CERTIFICATE-----\nMIIBplantedClusterCAkeptBecausePublic00000000000000000000000000000\n-----END CERTIFICATE-----\n';
export const CA_DATA = b64(CA_CERT);

/** Each secret as it is planted (and as it must not appear anywhere in the archive). */
export const SECRETS = {
  jwt: JWT,
  jwtPayload: JWT.split('.')[1] ?? '',
  jwtBase64: b64(JWT).slice(0, 48),
  rsaBody: RSA_KEY.split('\n')[1] ?? '',
  pkcs8Body: PKCS8_KEY.split('\n')[2] ?? '',
  ecBody: EC_KEY.split('\n')[1] ?? '',
  clientKeyData: b64(RSA_KEY).slice(0, 60),
  clientCertData: b64(CLIENT_CERT).slice(0, 60),
  kubeconfigToken: 'opaque-kubeconfig-token-7781',
  kubeconfigPassword: 'kubeconfig-password-5520',
  secretData: b64('secret-data-planted-0042'),
  secretStringData: 'string-data-planted-0043',
  basicAuth: 'cGxhbnRlZDphdXRoLWhlYWRlcg==',
  bearer: 'Opaque4Bearer-credential-9d8f',
  envPassword: 'pod-env-password-3141',
  capturedToken: 'captured-token-value-2718',
  githubToken: 'ghp_PLANTED0123456789abcdefghijABCDEFGHIJ01',
  flagToken: 'flag-token-value-1618',
  urlPassword: 'url-pass-word-1414',
} as const;

/** What must survive redaction, each from one source. */
export const MARKERS = {
  stepLog: 'MARKER-step-log-apply',
  stepLogCheck: 'MARKER-step-log-check',
  events: 'MARKER-event-output',
  progressVar: 'MARKER-progress-var',
  kubeconfigServer: 'https://127.0.0.1:40123',
  caData: CA_DATA,
  tokenizer: 'tokenizer: MARKER-tokenizer-field',
  prose: 'the token is short-lived MARKER-prose',
  version: 'MARKER-version-kubectl',
  podsWide: 'MARKER-pods-wide',
  podYaml: 'MARKER-pod-yaml',
  services: 'MARKER-services',
  clusterEvents: 'MARKER-cluster-events',
  istio: 'MARKER-istio-resources',
  proxyStatus: 'MARKER-proxy-status',
  istiod: 'MARKER-istiod-log',
  doctor: 'MARKER-doctor-finding',
  doctorFacts: 'MARKER-doctor-facts',
  diagnosis: 'MARKER-diagnosis-cause',
} as const;

/** A kubeconfig with every kind of credential kubectl keeps, for two kind clusters. */
export function plantedKubeconfig(server1: string = MARKERS.kubeconfigServer, server2 = 'https://127.0.0.1:40124'): string {
  return `apiVersion: v1
kind: Config
current-context: kind-cluster1
clusters:
- cluster:
    certificate-authority-data: ${CA_DATA}
    server: ${server1}
  name: kind-cluster1
- cluster:
    certificate-authority-data: ${CA_DATA}
    server: ${server2}
  name: kind-cluster2
contexts:
- context:
    cluster: kind-cluster1
    user: kind-cluster1
  name: kind-cluster1
- context:
    cluster: kind-cluster2
    user: kind-cluster2
  name: kind-cluster2
users:
- name: kind-cluster1
  user:
    client-certificate-data: ${b64(CLIENT_CERT)}
    client-key-data: ${b64(RSA_KEY)}
- name: kind-cluster2
  user:
    token: ${SECRETS.kubeconfigToken}
- name: room-basic
  user:
    username: admin
    password: ${SECRETS.kubeconfigPassword}
`;
}

/** A step's output with secrets in the forms logs carry them. */
function stepLog(marker: string): string {
  return `${marker}
+ kubectl apply -f secret.yaml
secret/planted created
+ curl -sS -H "Authorization: Basic ${SECRETS.basicAuth}" http://httpbin:8000/headers
{
  "headers": {
    "Authorization": "Bearer ${SECRETS.bearer}",
    "Host": "httpbin:8000"
  }
}
+ kubectl get secret planted -o yaml
apiVersion: v1
data:
  tls.key: ${b64(PKCS8_KEY)}
  extra: ${SECRETS.secretData}
kind: Secret
metadata:
  name: planted
+ kubectl create token default
${SECRETS.jwt}
+ export GITHUB_TOKEN=${SECRETS.githubToken}
+ kubectl --token=${SECRETS.flagToken} get pods
+ curl https://room:${SECRETS.urlPassword}@mirror.local/
${PKCS8_KEY}${MARKERS.tokenizer}
${MARKERS.prose}
`;
}

/** The local sources: the lesson's runs (an older one that must not be included), events, progress, kubeconfig. */
export function plantLocalSources(home: string, lessonId: string, kubeconfig = plantedKubeconfig()): { runDir: string; oldRun: string } {
  const oldRun = path.join(home, 'logs', lessonId, '2025-01-01T00-00-00-000Z');
  const runDir = path.join(home, 'logs', lessonId, '2025-06-01T12-00-00-000Z');
  mkdirSync(oldRun, { recursive: true });
  mkdirSync(runDir, { recursive: true });
  writeFileSync(path.join(oldRun, '01-old.log'), 'MARKER-old-run-not-included\n');
  writeFileSync(path.join(runDir, '01-apply.log'), stepLog(MARKERS.stepLog));
  writeFileSync(path.join(runDir, '02-check.log'), `${MARKERS.stepLogCheck}\n${EC_KEY}password=${SECRETS.envPassword}\n`);
  const events = [
    { type: 'lesson-started', lessonId, title: 'Planted', steps: [], logDir: runDir },
    { type: 'output', stepId: 'apply', stream: 'stdout', origin: 'step', lines: [MARKERS.events, 'kind: Secret', 'stringData:', `  password: ${SECRETS.secretStringData}`, `Authorization: Bearer ${SECRETS.bearer}`] },
    { type: 'variable-captured', stepId: 'apply', name: 'SA_TOKEN', value: SECRETS.jwt },
    { type: 'step-finished', stepId: 'check', status: 'failed', durationMs: 12, exitCode: 1, tail: [`-----BEGIN RSA PRIVATE KEY-----`, ...RSA_KEY.split('\n').slice(1, 4)], reason: `token: ${SECRETS.capturedToken}` },
  ];
  writeFileSync(path.join(runDir, 'events.jsonl'), `${events.map((event) => JSON.stringify(event)).join('\n')}\n`);
  writeFileSync(path.join(home, 'progress.json'), JSON.stringify({ format: 1, lastLesson: lessonId, lessons: { [lessonId]: { vars: { TOKEN: SECRETS.capturedToken, GREETING: MARKERS.progressVar, SA_JWT: SECRETS.jwt }, steps: { apply: { status: 'passed', at: '2025-06-01T12:00:00Z' }, check: { status: 'failed', at: '2025-06-01T12:00:01Z' } } } } }, null, 2));
  writeFileSync(path.join(home, 'kubeconfig'), kubeconfig);
  return { runDir, oldRun };
}

/** What a cluster's commands print, secrets planted in each. */
export function plantedOutput(argv: readonly string[]): string {
  const args = argv.join(' ');
  if (args.includes('get pods -A -o wide')) return `NAMESPACE NAME READY STATUS\ndefault httpbin-1 2/2 Running ${MARKERS.podsWide}\n`;
  if (args.includes('get pods -A -o yaml')) {
    return `apiVersion: v1
items:
- apiVersion: v1
  kind: Pod
  metadata:
    annotations:
      kubectl.kubernetes.io/last-applied-configuration: |
        {"apiVersion":"v1","kind":"Secret","data":{"k":"${SECRETS.secretData}"}}
    name: httpbin-1 # ${MARKERS.podYaml}
  spec:
    containers:
    - env:
      - name: DB_PASSWORD
        value: ${SECRETS.envPassword}
      - name: LOG_LEVEL
        value: debug
      args: ["--token=${SECRETS.flagToken}"]
kind: List
`;
  }
  if (args.includes('get services')) return `apiVersion: v1\nitems:\n- kind: Service\n  metadata:\n    name: httpbin\n    annotations:\n      note: "${MARKERS.services}"\n      auth: ${SECRETS.basicAuth}\nkind: List\n`;
  if (args.includes('get events')) return `LAST SEEN TYPE REASON OBJECT MESSAGE\n1m Warning Failed pod/x ${MARKERS.clusterEvents} pulling with Authorization: Bearer ${SECRETS.bearer}\n2m Normal Token pod/y mounted ${SECRETS.jwt}\n`;
  if (args.includes('networking.istio.io')) {
    return `apiVersion: v1
items:
- apiVersion: security.istio.io/v1
  kind: RequestAuthentication
  metadata:
    name: jwt # ${MARKERS.istio}
  spec:
    jwtRules:
    - issuer: testing@secure.istio.io
      jwks: '{"keys":[]}'
      outputPayloadToHeader: x-jwt
      forwardOriginalToken: true
- apiVersion: v1
  data:
    ca-key.pem: ${b64(EC_KEY)}
    note: ${SECRETS.secretData}
  kind: Secret
  metadata:
    name: cacerts
kind: List
`;
  }
  if (argv[0] === 'istioctl') return `NAME CLUSTER ISTIOD VERSION\nhttpbin-1.default Kubernetes istiod-1 1.31.1 ${MARKERS.proxyStatus}\n`;
  if (args.includes('logs')) return `[pod/istiod-1/discovery] 2025-06-01T12:00:00Z info ${MARKERS.istiod} ads XDS: Pushing\n[pod/istiod-1/discovery] 2025-06-01T12:00:01Z warn authentication failed: token ${SECRETS.jwt}\n${indent(RSA_KEY, '[pod/istiod-1/discovery] ')}\n`;
  if (args.includes('version')) return `Client Version: v1.36.4 ${MARKERS.version}\n`;
  return '';
}

export function ok(stdout: string): ToolResult {
  return { code: 0, stdout, stderr: '' };
}
