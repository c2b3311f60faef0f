// The support bundle end to end, in process: secrets planted in every source (step logs, events, progress,
// the kubeconfig, each cluster command's output, the doctor, the diagnosis), the archive written, extracted
// with the real tar, and every byte of it scanned. The cluster commands' outputs come from the runner the
// test gives (there is no cluster here); everything else is read from a real state directory.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { workshopKubeconfig } from '../../src/cluster/kubeconfig.js';
import { toolsBin } from '../../src/cluster/toolchain.js';
import { stepHome } from '../../src/engine/environment.js';
import { bundleBaseName, sizeText, writeSupportBundle, type CommandRunner, type DiagnosisRequest } from '../../src/support-bundle/bundle.js';
import { tempDir } from '../helpers/lessons.js';
import { MARKERS, ok, plantedOutput, plantLocalSources, SECRETS } from './planted.js';

const NOW = new Date('2025-06-02T03:04:05Z');
const LESSON = { id: 'traffic-entry', title: 'Traffic entry', clusters: ['cluster1'] };

/** Every file under a folder, by its path relative to it. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name), base) : [path.relative(base, path.join(dir, entry.name))]));
}

interface Call {
  program: string;
  args: readonly string[];
  env: Record<string, string | undefined>;
  timeoutMs: number;
}

/** cluster1 answers with planted outputs (istioctl is missing); cluster2 refuses connections; kind never answers. */
function plantedRunner(calls: Call[]): CommandRunner {
  return (program, args, options) => {
    calls.push({ program, args, ...options });
    const argv = [program, ...args];
    if (program === 'kind') return new Promise((resolve) => setTimeout(() => resolve({ code: null, stdout: '', stderr: '', timedOut: true }), options.timeoutMs));
    if (program === 'istioctl' && args.includes('proxy-status')) return Promise.resolve({ code: null, stdout: '', stderr: 'spawn istioctl ENOENT', missing: true });
    if (args.includes('kind-cluster2')) return Promise.resolve({ code: 1, stdout: '', stderr: 'E0601 memcache.go:265 couldn\'t get current server API group list\nThe connection to the server 127.0.0.1:40124 was refused - did you specify the right host or port?\n' });
    if (program === 'docker') return Promise.resolve({ code: 1, stdout: 'Client:\n Version: 28.2.2\n', stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' });
    return Promise.resolve(ok(plantedOutput(argv)));
  };
}

async function plantedBundle() {
  const home = tempDir('mw-bundle-home-');
  const { runDir } = plantLocalSources(home, LESSON.id);
  const output = path.join(tempDir('mw-bundle-out-'), 'bundle.tar.gz');
  const calls: Call[] = [];
  const asked: DiagnosisRequest[] = [];
  const bundle = await writeSupportBundle({
    home,
    lessonsDir: '/pack',
    lesson: LESSON,
    output,
    workshopVersion: '9.9.9',
    now: NOW,
    run: plantedRunner(calls),
    limits: { version: 300 },
    doctor: async () => ({
      findings: [{ check: 'kubectl', severity: 'ok', detail: `v1.36.4 ${MARKERS.doctor}` }, { check: 'registry', severity: 'warn', detail: `login with Authorization: Bearer ${SECRETS.bearer}`, fix: `docker login --password ${SECRETS.kubeconfigPassword}` }],
      facts: { platform: 'linux', marker: MARKERS.doctorFacts, env: { GITHUB_TOKEN: SECRETS.githubToken }, kubeconfigKey: SECRETS.clientKeyData },
    }),
    diagnose: (request) => {
      asked.push(request);
      return { facts: [`the route's Authorization header was Bearer ${SECRETS.bearer}`, { token: SECRETS.capturedToken }], causes: [{ cause: MARKERS.diagnosis, evidence: `jwt ${SECRETS.jwt}` }] };
    },
  });
  const into = tempDir('mw-bundle-x-');
  execFileSync('tar', ['-xzf', output, '-C', into]);
  const top = path.join(into, bundleBaseName(LESSON.id, NOW));
  return { home, runDir, output, bundle, calls, asked, into, top };
}

describe('writeSupportBundle with secrets planted in every source', () => {
  it('lets none of them into the archive (every byte: headers, names, contents), and keeps the rest', async () => {
    const { output, into, bundle } = await plantedBundle();
    const raw = gunzipSync(readFileSync(output));
    const extracted = filesUnder(into).map((file) => readFileSync(path.join(into, file)));
    for (const [kind, secret] of Object.entries(SECRETS)) {
      expect(raw.includes(secret), `${kind} in the archive`).toBe(false);
      for (const bytes of extracted) expect(bytes.includes(secret), `${kind} in a file`).toBe(false);
    }
    const all = Buffer.concat(extracted).toString('utf8');
    for (const [source, marker] of Object.entries(MARKERS)) expect(all, `${source} kept`).toContain(marker);
    expect(all).not.toContain('MARKER-old-run-not-included');
    expect(bundle.withheld).toEqual([]);
  });

  it('lays the archive out in one folder, as the README says, with the times of the files it copied', async () => {
    const { output, bundle, top, runDir } = await plantedBundle();
    const base = bundleBaseName(LESSON.id, NOW);
    expect(base).toBe('mesh-workshop-report-traffic-entry-20250602-030405');
    const names = execFileSync('tar', ['-tzf', output], { encoding: 'utf8' }).trimEnd().split('\n');
    expect(names).toEqual(bundle.entries);
    expect(names.map((name) => name.slice(base.length + 1))).toEqual([
      'SUMMARY.txt',
      'manifest.json',
      'versions.txt',
      'doctor.json',
      'doctor-facts.json',
      'lesson/last-run/01-apply.log',
      'lesson/last-run/02-check.log',
      'lesson/last-run/events.jsonl',
      'lesson/progress.json',
      'diagnosis.json',
      'kubeconfig.yaml',
      'clusters/cluster1/pods.txt',
      'clusters/cluster1/pods.yaml',
      'clusters/cluster1/services.yaml',
      'clusters/cluster1/events.txt',
      'clusters/cluster1/istio-resources.yaml',
      'clusters/cluster1/proxy-status.txt',
      'clusters/cluster1/istiod.log',
      'clusters/cluster2/pods.txt',
    ]);
    expect(statSync(output).mode & 0o777).toBe(0o600);
    expect(bundle.bytes).toBe(statSync(output).size);
    expect(sizeText(bundle.bytes)).toMatch(/^\d+\.\d KiB$/);
    // A copied log keeps its own time; what the bundle made has the bundle's.
    const listed = execFileSync('tar', ['--full-time', '--utc', '-tvzf', output], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    const logTime = statSync(path.join(runDir, '01-apply.log')).mtime.toISOString().slice(0, 19).replace('T', ' ');
    expect(listed).toContain(`${logTime} ${base}/lesson/last-run/01-apply.log`);
    expect(listed).toContain(`2025-06-02 03:04:05 ${base}/SUMMARY.txt`);
    expect(JSON.parse(readFileSync(path.join(top, 'lesson/progress.json'), 'utf8'))).toMatchObject({ lastLesson: 'traffic-entry', vars: { TOKEN: '[REDACTED:credential]', GREETING: MARKERS.progressVar }, steps: { check: { status: 'failed' } } });
  });

  it('records each source that gave nothing, with why, and writes the rest', async () => {
    const { bundle, top } = await plantedBundle();
    const status = (what: string) => bundle.sources.find((source) => source.what === what);
    expect(status('kind version')).toMatchObject({ status: 'timed out', why: 'no answer within 300ms' });
    expect(status('docker version')).toMatchObject({ status: 'failed', why: 'exit 1: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' });
    expect(status('cluster1: istioctl proxy-status')).toMatchObject({ status: 'missing', file: 'clusters/cluster1/proxy-status.txt' });
    expect(status('cluster2 (context kind-cluster2): pods') ?? status('cluster2: pods')).toMatchObject({ status: 'failed', why: 'exit 1: The connection to the server 127.0.0.1:40124 was refused - did you specify the right host or port?' });
    // One refused connection is enough: the rest of that cluster is skipped, not waited for.
    expect(bundle.sources.filter((source) => source.what.startsWith('cluster2: ') && source.status === 'skipped')).toHaveLength(6);
    // cluster3 is neither in the kubeconfig nor used by the lesson: not mentioned.
    expect(bundle.sources.some((source) => source.what.startsWith('cluster3'))).toBe(false);
    const summary = readFileSync(path.join(top, 'SUMMARY.txt'), 'utf8');
    expect(summary).toMatch(/^ {2}TIMED OUT +kind version +versions\.txt\n {13}why: no answer within 300ms$/m);
    expect(summary).toMatch(/^ {2}skipped +cluster2: services +clusters\/cluster2\/services\.yaml\n {13}why: the cluster did not answer the first command \(clusters\/cluster2\/pods\.txt says how\)$/m);
    expect(summary).toMatch(/^ {2}kubeconfig\.yaml: 1 private-key, 3 credential$/m);
    const manifest = JSON.parse(readFileSync(path.join(top, 'manifest.json'), 'utf8')) as { workshop: string; lesson: unknown; sources: unknown[] };
    expect(manifest).toMatchObject({ workshop: '9.9.9', lesson: LESSON });
    expect(manifest.sources).toHaveLength(bundle.sources.length);
    expect(readFileSync(path.join(top, 'versions.txt'), 'utf8')).toMatch(/^== kubectl: ok\n\$ kubectl version --client\nClient Version: v1\.36\.4 MARKER-version-kubectl$/m);
  });

  it("runs every command with the workshop's kubeconfig, HOME and tools, each cluster's by its context, within its limit", async () => {
    const { calls, home } = await plantedBundle();
    for (const call of calls) {
      expect(call.env.KUBECONFIG).toBe(workshopKubeconfig(home));
      expect(call.env.HOME).toBe(stepHome(home));
      expect(call.env.PATH?.split(path.delimiter)[0]).toBe(toolsBin(home));
      expect(call.timeoutMs).toBeGreaterThan(0);
    }
    const cluster1 = calls.filter((call) => call.args.includes('kind-cluster1'));
    expect(cluster1.map((call) => [call.program, ...call.args].join(' '))).toEqual([
      'kubectl --context kind-cluster1 get pods -A -o wide --request-timeout=20s',
      'kubectl --context kind-cluster1 get pods -A -o yaml --request-timeout=20s',
      'kubectl --context kind-cluster1 get services -A -o yaml --request-timeout=20s',
      'kubectl --context kind-cluster1 get events -A --sort-by=.lastTimestamp --request-timeout=20s',
      `kubectl --context kind-cluster1 get ${['virtualservices.networking.istio.io', 'destinationrules.networking.istio.io', 'gateways.networking.istio.io', 'serviceentries.networking.istio.io', 'sidecars.networking.istio.io', 'envoyfilters.networking.istio.io', 'workloadentries.networking.istio.io', 'workloadgroups.networking.istio.io', 'peerauthentications.security.istio.io', 'requestauthentications.security.istio.io', 'authorizationpolicies.security.istio.io', 'telemetries.telemetry.istio.io'].join(',')} -A -o yaml --request-timeout=20s`,
      'istioctl --context kind-cluster1 proxy-status',
      'kubectl --context kind-cluster1 logs -n istio-system -l app=istiod --tail=300 --prefix --timestamps --request-timeout=20s',
    ]);
    expect(calls.filter((call) => call.args.includes('kind-cluster2'))).toHaveLength(1);
    expect(calls.find((call) => call.program === 'kind')?.timeoutMs).toBe(300);
  });

  it('asks the diagnosis about the lesson and its last run', async () => {
    const { asked, home, runDir, top } = await plantedBundle();
    expect(asked).toEqual([{ home, lessonsDir: '/pack', lessonId: 'traffic-entry', runDir }]);
    expect(JSON.parse(readFileSync(path.join(top, 'diagnosis.json'), 'utf8'))).toMatchObject({ causes: [{ cause: MARKERS.diagnosis, evidence: 'jwt [REDACTED:jwt]' }] });
  });
});

describe('writeSupportBundle when sources fail', () => {
  it('without a diagnosis, a doctor that throws or a runner that never answers, still writes the bundle and says why', async () => {
    const home = tempDir('mw-bundle-home-');
    const output = path.join(tempDir('mw-bundle-out-'), 'b.tar.gz');
    const bundle = await writeSupportBundle({
      home,
      lessonsDir: '/pack',
      lesson: { id: 'tour', clusters: [] },
      output,
      workshopVersion: '1.0.0',
      run: () => new Promise(() => {}),
      limits: { version: 10 },
      doctor: () => Promise.reject(new Error('docker info crashed')),
    });
    const by = Object.fromEntries(bundle.sources.map((source) => [source.what, source]));
    expect(by.doctor).toMatchObject({ status: 'failed', why: 'docker info crashed' });
    expect(by.diagnosis).toMatchObject({ status: 'skipped', why: 'this workshop gave the bundle no diagnosis to include' });
    expect(by['node version']).toMatchObject({ status: 'timed out' });
    expect(by['the last run: step logs and events']).toMatchObject({ status: 'missing' });
    expect(by['the workshop kubeconfig']).toMatchObject({ status: 'missing', why: `${path.join(home, 'kubeconfig')} does not exist: no cluster has been made ('mesh-workshop cluster up')` });
    expect(by.clusters).toMatchObject({ status: 'skipped' });
    expect(execFileSync('tar', ['-tzf', output], { encoding: 'utf8' })).toMatch(/SUMMARY\.txt\n.*manifest\.json\n.*versions\.txt\n$/);
  }, 20_000);

  it('a lesson cluster that was never made is named as such', async () => {
    const home = tempDir('mw-bundle-home-');
    const bundle = await writeSupportBundle({ home, lessonsDir: '/pack', lesson: { id: 'multi', clusters: ['cluster1', 'cluster2'] }, output: path.join(home, 'b.tar.gz'), workshopVersion: '1', run: () => Promise.resolve(ok('v')), doctor: async () => ({ findings: [] }) });
    expect(bundle.sources.filter((source) => source.what.startsWith('cluster'))).toEqual([
      { what: 'cluster1 (context kind-cluster1)', status: 'skipped', why: `${path.join(home, 'kubeconfig')} does not exist: no cluster has been made ('mesh-workshop cluster up')` },
      { what: 'cluster2 (context kind-cluster2)', status: 'skipped', why: `${path.join(home, 'kubeconfig')} does not exist: no cluster has been made ('mesh-workshop cluster up')` },
    ]);
  });

  it('a workshop kubeconfig that cannot be parsed is kept (redacted) and named; the clusters are not read', async () => {
    const home = tempDir('mw-bundle-home-');
    writeFileSync(path.join(home, 'kubeconfig'), `users: [\n  token: ${SECRETS.kubeconfigToken}\n`);
    const output = path.join(home, 'b.tar.gz');
    const bundle = await writeSupportBundle({ home, lessonsDir: '/pack', lesson: { id: 'tour', clusters: ['cluster1'] }, output, workshopVersion: '1', run: () => Promise.resolve(ok('v')), doctor: async () => ({ findings: [] }) });
    expect(bundle.sources.find((source) => source.what === 'clusters')).toMatchObject({ status: 'failed', why: expect.stringMatching(/^the workshop kubeconfig \S+ cannot be read: /) });
    expect(bundle.entries.some((name) => name.endsWith('/kubeconfig.yaml'))).toBe(true);
    expect(gunzipSync(readFileSync(output)).includes(SECRETS.kubeconfigToken)).toBe(false);
  });

  it('throws when the archive cannot be written, naming the error', async () => {
    const home = tempDir('mw-bundle-home-');
    await expect(writeSupportBundle({ home, lessonsDir: '/pack', lesson: { id: 'tour', clusters: [] }, output: path.join(home, 'no', 'such', 'b.tar.gz'), workshopVersion: '1', run: () => Promise.resolve(ok('v')), doctor: async () => ({ findings: [] }) })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
