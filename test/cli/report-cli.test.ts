// `mesh-workshop report` through the built CLI, as a learner runs it. There is no cluster here: cluster1 is
// the suite's loopback fake API server (test/helpers/fake-kube-api.ts), so the real kubectl, run with the
// workshop's kubeconfig and through the context guard, returns Services and istiod's log with secrets
// planted in them (and fails, as recorded, on what the fake does not serve); cluster2 is a closed port, so
// the bundle records it unreachable. Secrets are also planted in the local sources (step logs, events,
// progress, the kubeconfig); the doctor and the diagnosis get theirs in test/support-bundle/bundle.test.ts.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BIN, hasStackTrace, mw, type CliResult } from '../helpers/cli.js';
import { startFakeKubeApi } from '../helpers/fake-kube-api.js';
import { HEADER, tempDir, writeLesson } from '../helpers/lessons.js';
import { JWT, MARKERS, PKCS8_KEY, plantedKubeconfig, plantLocalSources, SECRETS } from '../support-bundle/planted.js';

const NO_ENGINE = spawnSync('docker', ['info'], { encoding: 'utf8' }).status !== 0;
const HAS_KUBECTL = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
const LESSONS = 'tour, concepts, no-mesh, traffic-entry, resilience-security, one-mesh, multi-mesh, multi-network, vm';

/** A loopback port nothing listens on (taken, then given back). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The one .tar.gz in a folder. */
function bundleIn(dir: string): string {
  const found = readdirSync(dir).filter((name) => name.endsWith('.tar.gz'));
  expect(found).toHaveLength(1);
  return path.join(dir, found[0] ?? '');
}

const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What report prints once the bundle is written. */
function writtenPattern(file: string): RegExp {
  return new RegExp(`^Wrote ${literal(file)} \\(\\d+(?:\\.\\d KiB| B), (\\d+) files\\)(?:; \\d+ sources? gave nothing or failed: SUMMARY\\.txt inside says which and why)?\\.\\nLook inside before sharing: tar -tzf ${literal(file)}\\n$`);
}

/** The built CLI in a child process that does not block this one (so a fake API server here can answer it). */
async function mwBeside(args: string[], home: string): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, MESH_WORKSHOP_HOME: home, NO_COLOR: '1' }, timeout: 60_000 });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { status: failed.code ?? null, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('mesh-workshop report', () => {
  it('is in the help, with its options and how to look inside', () => {
    const { stdout, status } = mw(['report', '--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^mesh-workshop report: a \.tar\.gz to attach to a question/);
    expect(stdout).toContain('Usage: mesh-workshop report [LESSON] [-o FILE]');
    expect(stdout).toMatch(/-o, --output FILE +where to write it/);
    expect(stdout).toContain('tar -tzf FILE lists it; tar -xzf FILE -C DIR unpacks it');
  });

  it('with no lesson named and none started: says so, where it looked, and how to name one (exit 2, nothing written)', () => {
    const home = tempDir('mw-report-home-');
    const cwd = tempDir('mw-report-cwd-');
    const { status, stdout, stderr } = mw(['report'], { home, cwd });
    expect(stdout).toBe('');
    expect(stderr).toBe(`mesh-workshop: no lesson to report on: none has been started yet (${path.join(home, 'progress.json')} does not exist). Name one: mesh-workshop report LESSON (lessons: ${LESSONS})\n`);
    expect(status).toBe(2);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('with progress that names no lesson, or one no longer in the pack, says which file says what', () => {
    const home = tempDir('mw-report-home-');
    const progress = path.join(home, 'progress.json');
    writeFileSync(progress, JSON.stringify({ format: 1, lessons: {} }));
    expect(mw(['report'], { home }).stderr).toBe(`mesh-workshop: no lesson to report on: ${progress} records no lesson started. Name one: mesh-workshop report LESSON (lessons: ${LESSONS})\n`);
    writeFileSync(progress, JSON.stringify({ format: 1, lastLesson: 'retired', lessons: {} }));
    const gone = mw(['report'], { home });
    expect(gone.stderr).toBe(`mesh-workshop: ${progress} says you were last in the lesson 'retired', which is not among the lessons now. Name one: mesh-workshop report LESSON (lessons: ${LESSONS})\n`);
    expect(gone.status).toBe(2);
    writeFileSync(progress, '{ not json');
    expect(mw(['report'], { home }).stderr).toMatch(new RegExp(`^mesh-workshop: cannot tell which lesson you were in: ${literal(progress)} is not valid JSON \\(.+\\)\\. Name one: `));
  });

  it('an unknown lesson is named, with the closest one and the list (exit 2)', () => {
    const { status, stdout, stderr } = mw(['report', 'traffic-entri']);
    expect({ status, stdout }).toEqual({ status: 2, stdout: '' });
    expect(stderr).toBe(`mesh-workshop: no lesson 'traffic-entri' (did you mean 'traffic-entry'?). Lessons: ${LESSONS}\n`);
    expect(hasStackTrace(stderr)).toBe(false);
  });

  it('a place it cannot write to is refused before anything is gathered, naming what is wrong where (exit 2)', () => {
    const dir = tempDir('mw-report-out-');
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    const missing = mw(['report', 'tour', '-o', path.join(dir, 'no', 'such', 'b.tar.gz')]);
    expect(missing.stderr).toBe(`mesh-workshop: cannot write the support bundle to ${path.join(dir, 'no', 'such', 'b.tar.gz')}: the folder ${path.join(dir, 'no', 'such')} does not exist. Make it first, or give another place with -o FILE\n`);
    expect(missing.status).toBe(2);
    const underFile = mw(['report', 'tour', '--output', path.join(file, 'b.tar.gz')]);
    expect(underFile.stderr).toBe(`mesh-workshop: cannot write the support bundle to ${path.join(file, 'b.tar.gz')}: ${file} is a file, not a folder. Give another place with -o FILE\n`);
    expect(underFile.status).toBe(2);
    expect(readdirSync(dir)).toEqual(['a-file']);
  });

  it('takes the lesson by folder name too; -o FOLDER puts the default name there; without -o, the current folder', () => {
    const home = tempDir('mw-report-home-');
    const into = tempDir('mw-report-out-');
    const { status, stdout } = mw(['report', '00-tour', '-o', into], { home });
    expect(status).toBe(0);
    const file = bundleIn(into);
    expect(path.basename(file)).toMatch(/^mesh-workshop-report-tour-\d{8}-\d{6}\.tar\.gz$/);
    const files = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trimEnd().split('\n').length;
    expect(stdout.match(writtenPattern(file))?.[1]).toBe(String(files));
    const cwd = tempDir('mw-report-cwd-');
    expect(mw(['report', 'tour'], { home, cwd }).status).toBe(0);
    bundleIn(cwd);
  });

  it.runIf(HAS_KUBECTL)("secrets planted in every local source and in what the real kubectl returns stay out; failures are recorded; the rest is there", async () => {
    const planted = { serviceToken: 'opaque-service-token-4242', logPassword: 'istiod-log-password-8080' };
    const service = {
      metadata: {
        name: 'httpbin',
        namespace: 'default',
        annotations: {
          note: 'MARKER-services-real-kubectl',
          'auth-token': planted.serviceToken,
          'tls-key': PKCS8_KEY,
          identity: JWT,
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'v1', kind: 'Secret', data: { k: SECRETS.secretData } }),
        },
      },
      spec: { ports: [{ port: 8000 }] },
    };
    const istiod = { metadata: { name: 'istiod-abc', namespace: 'istio-system', labels: { app: 'istiod' } }, spec: { containers: [{ name: 'discovery', image: 'istio/pilot' }] }, status: { phase: 'Running' } };
    const log = `info MARKER-istiod-real-kubectl ads push\nwarn rejected Authorization: Bearer ${SECRETS.bearer} password=${planted.logPassword}\nwarn token ${JWT}\n`;
    const api = await startFakeKubeApi({
      services: JSON.stringify({ kind: 'ServiceList', apiVersion: 'v1', metadata: {}, items: [service] }),
      pods: { 'istio-system': JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata: {}, items: [istiod] }) },
      logs: { 'istio-system/istiod-abc/discovery': log, 'istio-system/istiod-abc/': log },
    });
    try {
      const home = tempDir('mw-report-home-');
      const port = await closedPort();
      plantLocalSources(home, 'traffic-entry', plantedKubeconfig(api.url, `http://127.0.0.1:${port}`));
      const file = path.join(tempDir('mw-report-out-'), 'question.tar.gz');
      // The fake answers from this process: the CLI runs beside it, not blocking it.
      const { status, stdout, stderr } = await mwBeside(['report', '-o', file], home);
      expect(stderr).toMatch(/^Gathering a support bundle for 'traffic-entry' \(each source has a time limit; 90s at most per cluster\)…$/m);
      expect(stdout).toMatch(writtenPattern(file));
      expect(status).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);

      // Every byte of the archive: headers, names and contents.
      const raw = gunzipSync(readFileSync(file));
      for (const [kind, secret] of Object.entries({ ...SECRETS, ...planted })) expect(raw.includes(secret), kind).toBe(false);
      const text = raw.toString('utf8');
      for (const marker of [MARKERS.stepLog, MARKERS.stepLogCheck, MARKERS.events, MARKERS.progressVar, MARKERS.caData, MARKERS.tokenizer, MARKERS.prose, 'MARKER-services-real-kubectl', 'MARKER-istiod-real-kubectl']) expect(text).toContain(marker);
      expect(text).not.toContain('MARKER-old-run-not-included');

      const into = tempDir('mw-report-x-');
      execFileSync('tar', ['-xzf', file, '-C', into]);
      const dir = path.join(into, readdirSync(into)[0] ?? '');
      const summary = readFileSync(path.join(dir, 'SUMMARY.txt'), 'utf8');
      // cluster1: what the fake serves is in the bundle, redacted; what it does not is recorded with kubectl's words.
      expect(readFileSync(path.join(dir, 'clusters/cluster1/services.yaml'), 'utf8')).toMatch(/^ {6}auth-token: \[REDACTED:credential\]$/m);
      expect(readFileSync(path.join(dir, 'clusters/cluster1/istiod.log'), 'utf8')).toMatch(/^\[pod\/istiod-abc\/discovery\] warn rejected Authorization: \[REDACTED:authorization\]$/m);
      expect(summary).toMatch(/^ {2}ok +cluster1: services +clusters\/cluster1\/services\.yaml$/m);
      expect(summary).toMatch(/^ {2}FAILED +cluster1: pods +clusters\/cluster1\/pods\.txt\n {13}why: exit 1: Error from server \(NotFound\): Unable to list "\/v1, Resource=pods": the server could not find the requested resource$/m);
      expect(summary).toMatch(/^ {2}FAILED +cluster1: Istio resources +clusters\/cluster1\/istio-resources\.yaml\n {13}why: exit 1: error: the server doesn't have a resource type "virtualservices"$/m);
      expect(readFileSync(path.join(dir, 'clusters/cluster1/pods.txt'), 'utf8')).toMatch(/^\$ kubectl --context kind-cluster1 get pods -A -o wide --request-timeout=20s\n/);
      // cluster2: nothing listens; its first command says so and the rest is skipped.
      expect(summary).toMatch(new RegExp(`^ {2}FAILED +cluster2: pods +clusters/cluster2/pods\\.txt\\n {13}why: exit 1: The connection to the server 127\\.0\\.0\\.1:${port} was refused - did you specify the right host or port\\?$`, 'm'));
      expect(summary).toMatch(/^ {2}skipped +cluster2: services +clusters\/cluster2\/services\.yaml\n {13}why: the cluster did not answer the first command/m);
      expect(summary).toMatch(/^ {2}(?:ok|FAILED|TIMED OUT) +diagnosis +/m);
      expect(JSON.parse(readFileSync(path.join(dir, 'doctor.json'), 'utf8'))).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'kubectl' })]));
      expect(readFileSync(path.join(dir, 'versions.txt'), 'utf8')).toMatch(/^== node: ok\n\$ \S+ --version\nv\d+\./m);
      // The kubeconfig's credentials are gone from the bundle; the workshop's own file is untouched.
      const kubeconfig = readFileSync(path.join(dir, 'kubeconfig.yaml'), 'utf8');
      expect(kubeconfig).toContain('client-key-data: [REDACTED:private-key]');
      expect(kubeconfig).toContain('token: [REDACTED:credential]');
      expect(kubeconfig).toContain(`server: ${api.url}`);
      expect(readFileSync(path.join(home, 'kubeconfig'), 'utf8')).toContain(SECRETS.kubeconfigToken);
      // kubectl was the real one, asking the fake.
      expect(api.requests).toEqual(expect.arrayContaining(['GET /api/v1/services?limit=500&timeout=20s']));
    } finally {
      await api.close();
    }
  }, 60_000);
});

describe('mesh-workshop verify', () => {
  it.runIf(NO_ENGINE)('writes a support bundle for a lesson that fails, beside its JUnit file, and names it after the summary', () => {
    const pack = tempDir('mw-pack-');
    writeLesson(pack, '00-test', `${HEADER}steps:\n  - id: broken\n    title: Fails\n    run: echo "${MARKERS.stepLog} token=${SECRETS.flagToken}"\n    check: { contains: 'never printed' }\n`);
    const home = tempDir('mw-verify-home-');
    const { status, stdout } = mw(['verify', '--lessons', pack], { home });
    const file = path.join(home, 'verify', 'test-report.tar.gz');
    expect(stdout).toContain(`support bundle: ${file}\n`);
    expect(stdout).toMatch(new RegExp(`\\nSupport bundles of the failed lessons \\(versions, logs, what the clusters held; secrets redacted\\)\\. Look inside before sharing: tar -tzf FILE\\n {2}test: ${literal(file)}\\n$`));
    expect(status).toBe(1);
    expect(existsSync(path.join(home, 'verify', 'test.xml'))).toBe(true);
    const names = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' });
    expect(names).toMatch(/^mesh-workshop-report-test-\d{8}-\d{6}\/lesson\/last-run\/01-broken\.log$/m);
    const raw = gunzipSync(readFileSync(file)).toString('utf8');
    expect(raw).toContain(MARKERS.stepLog);
    expect(raw).not.toContain(SECRETS.flagToken);
  });
});
