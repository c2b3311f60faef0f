// Lesson multi-mesh (06-multi-mesh): the steps that exchange the meshes' roots as trust bundles, run here
// with STAND-INS for kubectl and istioctl on PATH. The stand-ins record their arguments and, for the one
// read the steps make (`get configmap istio-ca-root-cert`), print a real root made by openssl for that
// cluster. What is tested: the files the scripts write (each mesh's IstioOperator, each trust file) say
// what the lesson text says, parse as YAML, carry the PEMs byte for byte, and are the files istioctl is
// given; and own-roots' real openssl output passes its own check. Nothing here says a real istiod accepts
// the files: only `npm run test:e2e` on a machine with Docker does (lessons/PROVENANCE.md, multi-mesh).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { evaluateCheck, observedFromText } from '../../src/checks/evaluate.js';
import { BASH_ARGS } from '../../src/engine/run-shell.js';
import { loadLessonPack } from '../../src/lesson/load.js';
import { allSteps, stepChecks } from '../../src/lesson/steps.js';
import { tempDir } from '../helpers/lessons.js';

const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;

const loaded = loadLessonPack('lessons').lessons.find((entry) => entry.lesson.id === 'multi-mesh');
if (!loaded) throw new Error('lesson multi-mesh not found');
const step = (id: string) => {
  const found = allSteps(loaded.lesson).find((candidate) => candidate.id === id);
  if (!found?.run) throw new Error(`multi-mesh has no step ${id} with a script`);
  return found;
};

const CONTEXTS = { CTX_CLUSTER1: 'kind-cluster1', CTX_CLUSTER2: 'kind-cluster2', CTX_CLUSTER3: 'kind-cluster3' };
const MESH_OF: Record<string, string> = { 'kind-cluster1': 'a', 'kind-cluster2': 'b', 'kind-cluster3': 'c' };

/** A workspace with the stand-ins, three real self-signed roots (O=mesh-<x>.local, as istiod makes its own) and a LESSON_TMP. */
function workspace() {
  const dir = tempDir('mw-multi-mesh-');
  const bin = path.join(dir, 'bin');
  const roots = path.join(dir, 'roots');
  mkdirSync(bin);
  mkdirSync(roots);
  for (const [context, mesh] of Object.entries(MESH_OF)) {
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/O=mesh-${mesh}.local`, '-keyout', path.join(roots, `${mesh}.key`), '-out', path.join(roots, `${context}.pem`)]);
    if (made.status !== 0) throw new Error(made.stderr.toString());
  }
  const log = path.join(dir, 'calls.log');
  // Both stand-ins append their arguments to one log; kubectl answers the root read for the named context.
  const standIn = (name: string, answer: string) =>
    writeFileSync(path.join(bin, name), `#!/bin/bash\necho "${name} $*" >> "${log}"\n${answer}\n`, { mode: 0o755 });
  standIn('istioctl', '');
  standIn('kubectl', `case "$*" in *istio-ca-root-cert*) cat "${roots}/$2.pem" ;; esac`);
  chmodSync(path.join(bin, 'kubectl'), 0o755);
  const lessonTmp = path.join(dir, 'tmp');
  mkdirSync(lessonTmp);
  const run = (script: string) => {
    const result = spawnSync('bash', [...BASH_ARGS, script], {
      cwd: loaded!.dir,
      env: { PATH: `${bin}:${process.env.PATH ?? ''}`, LESSON_TMP: lessonTmp, ...CONTEXTS },
      encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const calls = () => readFileSync(log, 'utf8').trim().split('\n');
  return { roots, lessonTmp, run, calls };
}

describe.runIf(HAS_OPENSSL)('multi-mesh: the trust bundle steps, run against stand-ins', () => {
  let ws: ReturnType<typeof workspace>;
  let installed: { status: number | null; stdout: string; stderr: string };
  beforeAll(() => {
    ws = workspace();
    installed = ws.run(step('three-meshes').run ?? '');
  });

  it("three-meshes writes each mesh's settings with both switches as strings, and installs from that file", () => {
    expect(installed.stderr).toBe('');
    expect(installed.status).toBe(0);
    const expected = { a: ['cluster1', 'network1', 'default'], b: ['cluster2', 'network1', 'minimal'], c: ['cluster3', 'network2', 'minimal'] };
    for (const [mesh, [cluster, network, profile]] of Object.entries(expected)) {
      const file = path.join(ws.lessonTmp, 'meshes', `mesh-${mesh}.yaml`);
      const operator = parse(readFileSync(file, 'utf8')) as {
        kind: string;
        spec: { profile: string; meshConfig: { trustDomain: string; defaultConfig: { proxyMetadata: Record<string, unknown> } }; values: { global: { meshID: string; network: string; multiCluster: { clusterName: string } }; pilot: { env: Record<string, unknown> } } };
      };
      expect(operator.kind).toBe('IstioOperator');
      expect(operator.spec.profile).toBe(profile);
      expect(operator.spec.meshConfig.trustDomain).toBe(`mesh-${mesh}.local`);
      // proxyMetadata is a map of strings: a boolean there is what `--set …=true` would have written.
      expect(operator.spec.meshConfig.defaultConfig.proxyMetadata.PROXY_CONFIG_XDS_AGENT).toBe('true');
      expect(operator.spec.values.pilot.env.ISTIO_MULTIROOT_MESH).toBe('true');
      expect(operator.spec.values.global).toMatchObject({ meshID: `mesh-${mesh}`, network: network, multiCluster: { clusterName: cluster } });
      expect(ws.calls()).toContain(`istioctl install --context kind-${cluster} -y -f ${file}`);
    }
    expect(installed.stdout).toContain(`== mesh A's settings, ${ws.lessonTmp}/meshes/mesh-a.yaml:\napiVersion: install.istio.io/v1alpha1`);
  });

  it("own-roots saves each cluster's root and its output passes the step's first check", () => {
    const own = step('own-roots');
    const result = ws.run(own.run ?? '');
    expect(result.status).toBe(0);
    for (const [context, mesh] of Object.entries(MESH_OF)) {
      expect(readFileSync(path.join(ws.lessonTmp, 'trust', `mesh-${mesh}-root.pem`), 'utf8')).toBe(readFileSync(path.join(ws.roots, `${context}.pem`), 'utf8'));
    }
    const [first] = stepChecks(own);
    expect(evaluateCheck(first!, observedFromText(result.stdout + result.stderr)).passed).toBe(true);
  });

  it("exchange-roots gives mesh A the roots of B and C, meshes B and C mesh A's, each with its trust domain, and installs each mesh with both files", () => {
    const result = ws.run(step('exchange-roots').run ?? '');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const given = { a: ['b', 'c'], b: ['a'], c: ['a'] };
    for (const [mesh, others] of Object.entries(given)) {
      const file = path.join(ws.lessonTmp, 'trust', `mesh-${mesh}-trusts.yaml`);
      const operator = parse(readFileSync(file, 'utf8')) as { kind: string; spec: { meshConfig: { caCertificates: { pem: string; trustDomains: string[] }[] } } };
      expect(operator.kind).toBe('IstioOperator');
      expect(operator.spec.meshConfig.caCertificates).toEqual(
        others.map((other) => ({ pem: readFileSync(path.join(ws.lessonTmp, 'trust', `mesh-${other}-root.pem`), 'utf8'), trustDomains: [`mesh-${other}.local`] })),
      );
      const context = Object.keys(MESH_OF).find((candidate) => MESH_OF[candidate] === mesh);
      expect(ws.calls()).toContain(`istioctl install --context ${context} -y -f ${ws.lessonTmp}/meshes/mesh-${mesh}.yaml -f mesh-${mesh}-trusts.yaml`);
    }
    // The learner sees the file mesh B is given, its root included.
    expect(result.stdout).toContain(`== mesh-b-trusts.yaml, mesh A's root for mesh B:\napiVersion: install.istio.io/v1alpha1`);
    expect(result.stdout).toContain('      trustDomains: [mesh-a.local]');
    expect(result.stdout).toContain('== the root in it: subject=O = mesh-a.local, for mesh-a.local');
  });
});
