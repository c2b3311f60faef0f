// Redaction, kind by kind, in the forms each appears in (YAML, JSON, logs, command lines), and the near
// misses that must stay as they are. Private keys are real ones, made here.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSecretKey, leaks, marker, redactFile, redactJson, redactText } from '../../src/support-bundle/redact.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PKCS8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PKCS1 = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const SEC1 = ec.privateKey.export({ type: 'sec1', format: 'pem' }).toString();
const ENCRYPTED = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pass' }).toString();
const OPENSSH = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDplantedopensshbody0000000000000000000000000000000000000000\n-----END OPENSSH PRIVATE KEY-----\n';
const PUBLIC_KEY = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
/** Certificate-shaped: what matters is that a public block stays. */
const CERTIFICATE = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUplantedCertificateBody0000000000000000000000000000\nAwIBAgIUXYZpublicpartkeptasitis0000000000000000000000000000000000000\n-----END CERTIFICATE-----\n';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** The body of a PEM block: what must not survive. */
function body(pem: string): string[] {
  return pem.split('\n').filter((line) => line && !line.startsWith('-----') && !line.includes(':'));
}

const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6InBsYW50ZWQifQ.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoicGxhbnRlZCJ9.c2lnbmF0dXJlLXBsYW50ZWQtMDEyMzQ1';

function expectGone(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(text, `still holds ${secret.slice(0, 40)}`).not.toContain(secret);
  expect(leaks(text)).toEqual([]);
}

describe('private keys', () => {
  it.each([
    ['PKCS#8', PKCS8, 'PRIVATE KEY'],
    ['PKCS#1', PKCS1, 'RSA PRIVATE KEY'],
    ['SEC1', SEC1, 'EC PRIVATE KEY'],
    ['encrypted', ENCRYPTED, 'ENCRYPTED PRIVATE KEY'],
    ['OpenSSH', OPENSSH, 'OPENSSH PRIVATE KEY'],
  ])('a %s block is replaced, its BEGIN and END lines kept', (_kind, pem, label) => {
    const { text, found } = redactText(`before\n${pem}after\n`);
    expect(text).toBe(`before\n-----BEGIN ${label}----- ${marker('private-key')} -----END ${label}-----\nafter\n`);
    expect(found).toEqual({ 'private-key': 1 });
    expectGone(text, body(pem));
  });

  it('in a YAML block scalar (a key.pem in a ConfigMap-like file), with its indentation', () => {
    const yaml = `files:\n  key.pem: |\n${PKCS8.trimEnd().split('\n').map((line) => `    ${line}`).join('\n')}\n  other: kept\n`;
    const { text } = redactText(yaml);
    expectGone(text, body(PKCS8));
    expect(text).toContain('  other: kept\n');
  });

  it('inside a JSON string, with \\n escapes, as text and parsed', () => {
    const json = JSON.stringify({ note: 'kept', material: PKCS1 });
    expectGone(redactText(json).text, body(PKCS1).map((line) => line.slice(0, 20)));
    const parsed = redactJson(JSON.parse(json) as unknown).value as { note: string; material: string };
    expect(parsed.note).toBe('kept');
    expect(parsed.material).toBe(`-----BEGIN RSA PRIVATE KEY----- ${marker('private-key')} -----END RSA PRIVATE KEY-----\n`);
  });

  it('cut short (a log tail without the END line): its base64 lines go, what follows stays', () => {
    const cut = PKCS8.split('\n').slice(0, 4).join('\n');
    const { text } = redactText(`${cut}\nstep finished with exit 1\n`);
    expectGone(text, body(cut));
    expect(text).toBe(`-----BEGIN PRIVATE KEY----- ${marker('private-key')}\nstep finished with exit 1\n`);
  });

  it('base64-encoded (client-key-data, a Secret value printed alone), on one line or wrapped', () => {
    const encoded = b64(PKCS1);
    expect(redactText(`value: ${encoded}\n`).text).toBe(`value: ${marker('private-key')}\n`);
    const wrapped = encoded.match(/.{1,76}/g)?.join('\n') ?? '';
    const { text } = redactText(`${wrapped}\ndone\n`);
    expect(text).toBe(`${marker('private-key')}\ndone\n`);
  });

  it('keeps public keys and certificates, PEM or base64 (they are public and say what trusts what)', () => {
    const text = `${PUBLIC_KEY}${CERTIFICATE}ca.crt: ${b64(CERTIFICATE)}\n`;
    expect(redactText(text)).toEqual({ text, found: {} });
  });
});

describe('tokens', () => {
  it('a JWT anywhere: bare, after Bearer, in JSON, base64-encoded', () => {
    for (const line of [`token is ${JWT} here`, `{"x":"${JWT}"}`, `curl -H 'X-Token: ${JWT}'`, `encoded ${b64(JWT)}`]) {
      const { text } = redactText(line);
      expectGone(text, [JWT, JWT.split('.')[1] ?? '', b64(JWT).slice(0, 30)]);
      expect(text).toMatch(/\[REDACTED:(?:jwt|credential)\]/);
    }
  });

  it('Authorization headers, whatever their scheme and form', () => {
    const cases = [
      ['curl -H "Authorization: Bearer abc123DEF456ghi" http://httpbin:8000/headers', 'curl -H "Authorization: [REDACTED:authorization]" http://httpbin:8000/headers'],
      ['> Authorization: Basic dXNlcjpwYXNzd29yZA==', '> Authorization: [REDACTED:authorization]'],
      ['    "Authorization": "Bearer s3cr3t-opaque-token",', '    "Authorization": "[REDACTED:authorization]",'],
      ['proxy-authorization: Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEFoQMCAQ6iBwMFACAAAACj', 'proxy-authorization: [REDACTED:authorization]'],
      ['authorization=opaque-value-1234', 'authorization=[REDACTED:authorization]'],
    ];
    for (const [given, expected] of cases) expect(redactText(given ?? '').text).toBe(expected);
  });

  it('a bearer credential outside a header', () => {
    expect(redactText('"value": "Bearer abc123.DEF_456"').text).toBe('"value": "Bearer [REDACTED:bearer]"');
  });

  it('tokens of a known shape', () => {
    const tokens = ['ghp_0123456789abcdefghijABCDEFGHIJ0123456789', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123', 'glpat-abcdefghij0123456789', 'xoxb-1234567890-abcdefghij', 'AKIAIOSFODNN7EXAMPLE', 'abcdef.0123456789abcdef'];
    for (const token of tokens) {
      const { text, found } = redactText(`seen ${token} here`);
      expect(text).toBe(`seen ${marker('known-token')} here`);
      expect(found).toEqual({ 'known-token': 1 });
    }
  });

  it("a URL's password", () => {
    expect(redactText('mirror https://room:s3cret@mirror.local/tools').text).toBe(`mirror https://room:${marker('url-credentials')}@mirror.local/tools`);
  });
});

describe('fields named as credentials', () => {
  it.each([
    ['token: opaque-value-0001', `token: ${marker('credential')}`],
    ['  password: hunter2', `  password: ${marker('credential')}`],
    ['- client_secret: abc', `- client_secret: ${marker('credential')}`],
    ['refreshToken: "r-1"', `refreshToken: ${marker('credential')}`],
    ['apiKey: k-1', `apiKey: ${marker('credential')}`],
    ['tls.key: c2VjcmV0', `tls.key: ${marker('credential')}`],
    ['key.pem: |\n  line one\n  line two\nnext: kept', `key.pem: ${marker('credential')}\nnext: kept`],
    ['{"token": "opaque", "tokenizer": "bert"}', `{"token":"${marker('credential')}","tokenizer":"bert"}`],
    ['export GITHUB_TOKEN=opaque DB_PASSWORD="two words"', `export GITHUB_TOKEN=${marker('credential')} DB_PASSWORD=${marker('credential')}`],
    ['kubectl --token=opaque get pods', `kubectl --token=${marker('credential')} get pods`],
    ['mysql --password hunter2 -h db', `mysql --password ${marker('credential')} -h db`],
    ['level=info msg="login" password=hunter2 user=alice', `level=info msg="login" password=${marker('credential')} user=alice`],
    ['error: token: abc123def rejected', `error: token: ${marker('credential')} rejected`],
    ['"auths": {"registry": {"auth": "dXNlcjpwYXNz"}}', `"auths": {"registry": {"auth": "${marker('credential')}"}}`],
  ])('%j', (given, expected) => {
    expect(redactText(given).text).toBe(expected);
  });

  it('JSON escaped inside a JSON string (a log line carrying JSON)', () => {
    expect(redactText(String.raw`msg="{\"token\":\"opaque-1\",\"name\":\"kept\"}"`).text).toBe(String.raw`msg="{\"token\":\"${marker('credential')}\",\"name\":\"kept\"}"`);
  });

  it("an env entry named as a credential: its value, in YAML and JSON; others' stay", () => {
    const yaml = 'env:\n- name: DB_PASSWORD\n  value: hunter2\n- name: PILOT_TRACE_SAMPLING\n  value: "100"\n- name: API_TOKEN\n  valueFrom:\n    secretKeyRef: {name: api, key: token}\n';
    expect(redactText(yaml).text).toBe(`env:\n- name: DB_PASSWORD\n  value: ${marker('credential')}\n- name: PILOT_TRACE_SAMPLING\n  value: "100"\n- name: API_TOKEN\n  valueFrom:\n    secretKeyRef: {name: api, key: token}\n`);
    const json = redactJson({ env: [{ name: 'DB_PASSWORD', value: 'hunter2' }, { name: 'LOG_LEVEL', value: 'debug' }] }).value;
    expect(json).toEqual({ env: [{ name: 'DB_PASSWORD', value: marker('credential') }, { name: 'LOG_LEVEL', value: 'debug' }] });
  });

  it("a kubeconfig's credentials, every form; its servers, names and CA stay", () => {
    const ca = b64(CERTIFICATE);
    const kubeconfig = [
      'apiVersion: v1',
      'clusters:',
      '- cluster:',
      `    certificate-authority-data: ${ca}`,
      '    server: https://127.0.0.1:40123',
      '  name: kind-cluster1',
      'users:',
      '- name: kind-cluster1',
      '  user:',
      `    client-certificate-data: ${b64(CERTIFICATE)}`,
      `    client-key-data: ${b64(PKCS1)}`,
      '- name: room',
      '  user:',
      '    token: opaque-room-token',
      '- name: basic',
      '  user:',
      '    username: alice',
      '    password: hunter2',
      '- name: oidc',
      '  user:',
      '    auth-provider:',
      '      config:',
      `        id-token: ${JWT}`,
      '        refresh-token: r-opaque',
      '        client-secret: c-opaque',
      '',
    ].join('\n');
    const { text } = redactText(kubeconfig);
    expectGone(text, [b64(PKCS1).slice(0, 40), 'opaque-room-token', 'hunter2', JWT, 'r-opaque', 'c-opaque']);
    expect(text).toContain(`    client-certificate-data: ${marker('credential')}\n`);
    expect(text).toContain(`    client-key-data: ${marker('private-key')}\n`);
    for (const kept of [`certificate-authority-data: ${ca}`, 'server: https://127.0.0.1:40123', 'name: kind-cluster1', 'username: alice']) expect(text).toContain(kept);
  });
});

describe("Secrets' data", () => {
  const list = [
    'apiVersion: v1',
    'items:',
    '- apiVersion: v1',
    '  data:',
    '    ca.crt: Y2EtcGxhbnRlZA==',
    '    notes: |',
    '      opaque line one',
    '      opaque line two',
    '    token: dG9rZW4tcGxhbnRlZA==',
    '  kind: Secret',
    '  metadata:',
    '    name: planted',
    '  type: kubernetes.io/service-account-token',
    '- apiVersion: v1',
    '  data:',
    '    mesh: |-',
    '      accessLogFile: /dev/stdout',
    '  kind: ConfigMap',
    '  metadata:',
    '    name: istio',
    'kind: List',
    '',
  ].join('\n');

  it("in kubectl's YAML list (kind after data): every Secret value, its keys kept; a ConfigMap's data stays", () => {
    const { text, found } = redactText(list);
    expect(text).toBe(list.replace('    ca.crt: Y2EtcGxhbnRlZA==\n    notes: |\n      opaque line one\n      opaque line two\n    token: dG9rZW4tcGxhbnRlZA==', `    ca.crt: ${marker('secret-data')}\n    notes: ${marker('secret-data')}\n    token: ${marker('secret-data')}`));
    expect(found).toEqual({ 'secret-data': 3 });
  });

  it('stringData, and a Secret document among others', () => {
    const yaml = 'kind: ConfigMap\ndata:\n  a: kept\n---\napiVersion: v1\nkind: Secret\nstringData:\n  password: opaque\n  config.yaml: |\n    user: opaque-too\n';
    expect(redactText(yaml).text).toBe(`kind: ConfigMap\ndata:\n  a: kept\n---\napiVersion: v1\nkind: Secret\nstringData:\n  password: ${marker('secret-data')}\n  config.yaml: ${marker('secret-data')}\n`);
  });

  it('a data block whose kind cannot be seen is treated as a Secret', () => {
    expect(redactText('  data:\n    anything: opaque\n').text).toBe(`  data:\n    anything: ${marker('secret-data')}\n`);
  });

  it('in JSON: parsed (by kind), one object a line, and unparsed text (always)', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', data: { 'tls.key': 'b3BhcXVl', empty: '' }, metadata: { name: 'kept-name' } };
    const configMap = { kind: 'ConfigMap', data: { mesh: 'kept' } };
    expect(JSON.parse(redactFile('x.json', JSON.stringify({ items: [secret, configMap] })).text)).toEqual({ items: [{ ...secret, data: { 'tls.key': marker('secret-data'), empty: '' } }, configMap] });
    expect(redactText(`${JSON.stringify(secret)}\n${JSON.stringify(configMap)}`).text).toBe(`${JSON.stringify({ ...secret, data: { 'tls.key': marker('secret-data'), empty: '' } })}\n${JSON.stringify(configMap)}`);
    const pretty = `output:\n${JSON.stringify(secret, null, 2)}`;
    expect(redactText(pretty).text).not.toContain('b3BhcXVl');
  });

  it("in kubectl's last-applied-configuration annotation", () => {
    const yaml = `metadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      ${JSON.stringify({ kind: 'Secret', data: { password: 'b3BhcXVl' } })}\n`;
    expect(redactText(yaml).text).not.toContain('b3BhcXVl');
    const json = redactJson({ metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ kind: 'Secret', stringData: { x: 'opaque' } }) } } });
    expect(JSON.stringify(json.value)).not.toContain('opaque');
  });

  it('split over the lines of an output event', () => {
    const event = { type: 'output', lines: ['data:', '  foo: b3BhcXVl', 'kind: Secret', 'done'] };
    expect(redactJson(event).value).toEqual({ type: 'output', lines: ['data:', `  foo: ${marker('secret-data')}`, 'kind: Secret', 'done'] });
  });
});

describe('near misses that stay as they are', () => {
  const kept = [
    'tokenizer: bert-base',
    '"tokenizer": "bert-base"',
    'Use a token to call the API; the token is short-lived, and a password is never printed.',
    'The secret: keep your kubeconfig yours.',
    'secretName: istio-ingressgateway-certs',
    'credentialName: httpbin-credential',
    'automountServiceAccountToken: false',
    'type: kubernetes.io/service-account-token',
    'kind: AuthorizationPolicy',
    'kubectl get authorizationpolicies.security.istio.io -A',
    'kubeadm token create --token-ttl 5m',
    'PWD=/home/alice/work',
    'A Bearer token goes in the header; Basic Authentication is older.',
    'istiod.istio-system.svc.cluster.local:15012',
    'token: ""',
    'password: $DB_PASSWORD',
    'TOKEN=$(kubectl create token default)',
    '- serviceAccountToken:\n    audience: istio-ca\n    expirationSeconds: 43200\n    path: istio-token',
    'volumes:\n- name: certs\n  secret: {secretName: cacerts}',
    'image: docker.io/istio/proxyv2:1.31.1',
    'sha256:099e049362a1526b2db71494e1947aae99bd16290d7c895f2b7ea312e3cbfaed',
    CERTIFICATE.trimEnd(),
    PUBLIC_KEY.trimEnd(),
  ];
  it.each(kept)('%j', (text) => {
    expect(redactText(text)).toEqual({ text, found: {} });
  });

  it('field names: credentials by their last word, not by containing one', () => {
    for (const name of ['token', 'id-token', 'refresh_token', 'accessToken', 'GITHUB_TOKEN', 'password', 'DB_PASSWD', 'client-secret', 'clientSecret', 'api-key', 'x-api-key', 'private_key', 'tls.key', 'server.key', 'key.pem', 'ca-key.pem', 'client-key-data', 'client-certificate-data', 'auth']) expect(isSecretKey(name), name).toBe(true);
    for (const name of ['tokenizer', 'secretName', 'token-ttl', 'certificate-authority-data', 'tls.crt', 'cert-chain.pem', 'key', 'keyId', 'credentialName', 'JWT_POLICY', 'username', 'authorization-policy', 'oauth']) expect(isSecretKey(name), name).toBe(false);
  });
});

describe('redactFile and leaks', () => {
  it('pretty-prints a .json file it parsed, and reads anything else as text', () => {
    expect(redactFile('doctor.json', '[{"check":"kind","detail":"ok"}]')).toEqual({ text: '[\n  {\n    "check": "kind",\n    "detail": "ok"\n  }\n]\n', found: {} });
    expect(redactFile('doctor.json', 'not json token: abc123def').text).toBe(`not json token: ${marker('credential')}`);
  });

  it('redacting twice changes nothing more, and leaves nothing leaks() finds', () => {
    const all = [PKCS8, SEC1, `Authorization: Bearer ${JWT}`, 'token: opaque-1', `x ${b64(PKCS1)}`, 'ghp_0123456789abcdefghijABCDEFGHIJ0123456789'].join('\n');
    const once = redactText(all).text;
    expect(redactText(once)).toEqual({ text: once, found: {} });
    expect(leaks(once)).toEqual([]);
  });

  it('leaks() names what redaction must have caught, were it there', () => {
    expect(leaks(PKCS8)).toEqual(['a private key block']);
    expect(leaks(`x ${JWT}`)).toEqual(['a JSON Web Token']);
    expect(leaks(b64(PKCS1))).toEqual(['a base64-encoded private key']);
    expect(leaks(b64(JWT))).toEqual(['a base64-encoded JSON Web Token']);
    expect(leaks('Bearer abc123DEF456')).toEqual(['a bearer credential']);
    expect(leaks('AKIAIOSFODNN7EXAMPLE')).toEqual(['a token of a known format']);
    expect(leaks(`${CERTIFICATE}Bearer token`)).toEqual([]);
  });
});
