// The shipped Istio schemas (assets/istio-1.31-schemas.json) are derived from Istio's CRDs by a script;
// this fails while the asset is not what the script makes of the fixture today.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ISTIO_ASSET } from '../../src/manifests/istio-asset.js';

const SCRIPT = 'scripts/istio-schemas.mjs';

function generate(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [SCRIPT, '--stdout', ...args], { encoding: 'utf8' });
}

describe('assets/istio-1.31-schemas.json', () => {
  it('is what scripts/istio-schemas.mjs makes of the CRD fixture (run it to refresh the asset)', () => {
    const fresh = generate();
    expect(fresh.stderr).toBe('');
    expect(fresh.status).toBe(0);
    expect(readFileSync(path.join('assets', ISTIO_ASSET), 'utf8') === fresh.stdout, `assets/${ISTIO_ASSET} is out of date: node ${SCRIPT}`).toBe(true);
  });

  it('holds every served version of every Istio 1.31 kind, without descriptions or CEL rules', () => {
    const asset = JSON.parse(readFileSync(path.join('assets', ISTIO_ASSET), 'utf8')) as { kinds: { group: string; kind: string; versions: string[] }[] };
    const served = asset.kinds.flatMap(({ group, kind, versions }) => versions.map((version) => `${group}/${version} ${kind}`));
    for (const expected of ['networking.istio.io/v1 VirtualService', 'networking.istio.io/v1alpha3 VirtualService', 'networking.istio.io/v1beta1 DestinationRule', 'networking.istio.io/v1 Gateway', 'networking.istio.io/v1 ServiceEntry', 'networking.istio.io/v1 Sidecar', 'networking.istio.io/v1 WorkloadEntry', 'networking.istio.io/v1 WorkloadGroup', 'security.istio.io/v1 PeerAuthentication', 'security.istio.io/v1 AuthorizationPolicy', 'security.istio.io/v1 RequestAuthentication', 'telemetry.istio.io/v1 Telemetry']) {
      expect(served).toContain(expected);
    }
    const text = readFileSync(path.join('assets', ISTIO_ASSET), 'utf8');
    expect(text).not.toMatch(/"description"|x-kubernetes-validations/);
  });

  it('the script refuses a schema keyword it has not been told to keep or drop', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'istio-crds-'));
    const crds = path.join(dir, 'crds.yaml');
    const crd = ['apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata: {name: things.example.istio.io}', 'spec:', '  group: example.istio.io', '  names: {kind: Thing}', '  versions:', '  - name: v1', '    served: true', '    schema:', '      openAPIV3Schema:', '        type: object', '        properties:', '          spec:', '            type: object', '            properties:'];
    writeFileSync(crds, [...crd, '              size: {type: integer, default: 3}', ''].join('\n'));
    const refused = generate('--from', crds);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("Thing v1.spec.size: keyword 'default' is neither kept nor dropped");
    writeFileSync(crds, [...crd, '              size: {type: integer, description: how many}', ''].join('\n'));
    const kept = generate('--from', crds);
    expect(kept.status).toBe(0);
    expect(kept.stdout).toContain('{"group":"example.istio.io","kind":"Thing","versions":["v1"],"schema":{"type":"object","properties":{"spec":{"type":"object","properties":{"size":{"type":"integer"}}}}}}');
  });
});
