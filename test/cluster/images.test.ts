// Which images the workshop prefetches: Istio's for the pinned version, every image in the lessons'
// manifests, and what runs beside the clusters.
import { describe, expect, it } from 'vitest';
import { manifestImages, workshopImages } from '../../src/cluster/images.js';
import { headlessRunArgs, VERIFY_INCOMPLETE, verifyExitCode, verifySummary } from '../../src/commands/verify.js';
import { HEADER, tempDir, writeLesson } from '../helpers/lessons.js';

describe('workshopImages', () => {
  it('finds every image in the manifests beside the lessons, deployments and pods alike, once each', () => {
    const pack = tempDir('mw-pack-');
    writeLesson(pack, '01-no-mesh', `${HEADER}steps: [{ id: a, title: A, run: 'true' }]\n`, {
      // As in Istio's samples/helloworld/helloworld.yaml and samples/curl/curl.yaml.
      'helloworld.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: helloworld-v1}\nspec:\n  template:\n    spec:\n      containers:\n      - name: helloworld\n        image: registry.istio.io/release/examples-helloworld-v1:1.0\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: helloworld-v2}\nspec:\n  template:\n    spec:\n      containers:\n      - name: helloworld\n        image: registry.istio.io/release/examples-helloworld-v2:1.0\n',
      'curl.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: curl}\nspec:\n  containers:\n  - name: curl\n    image: docker.io/curlimages/curl:8.16.0\n  - name: again\n    image: docker.io/curlimages/curl:8.16.0\n',
    });
    expect(manifestImages(pack)).toEqual(['docker.io/curlimages/curl:8.16.0', 'registry.istio.io/release/examples-helloworld-v1:1.0', 'registry.istio.io/release/examples-helloworld-v2:1.0']);
    const images = workshopImages(pack);
    expect(images.inCluster.slice(0, 2)).toEqual(['registry.istio.io/release/pilot:1.31.1', 'registry.istio.io/release/proxyv2:1.31.1']);
    expect(images.inCluster).toHaveLength(5);
  });

  it("adds the images a lesson declares for the samples it applies from the Istio release, once each", () => {
    const pack = tempDir('mw-pack-');
    writeLesson(pack, '03-traffic-entry', `${HEADER}images: [docker.io/mccutchen/go-httpbin:v2.15.0, docker.io/curlimages/curl:8.16.0]\nsteps: [{ id: a, title: A, run: 'true' }]\n`, {
      'curl.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: curl}\nspec:\n  containers:\n  - name: curl\n    image: docker.io/curlimages/curl:8.16.0\n',
    });
    writeLesson(pack, '04-broken', 'id: [unclosed\n');
    expect(workshopImages(pack).inCluster).toEqual(['registry.istio.io/release/pilot:1.31.1', 'registry.istio.io/release/proxyv2:1.31.1', 'docker.io/curlimages/curl:8.16.0', 'docker.io/mccutchen/go-httpbin:v2.15.0']);
  });

  it('puts what runs beside the clusters apart', () => {
    const images = workshopImages(tempDir('mw-pack-'));
    expect(images.beside).toEqual([
      'kindest/node:v1.36.4@sha256:099e049362a1526b2db71494e1947aae99bd16290d7c895f2b7ea312e3cbfaed',
      'registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.11.1',
      'docker.io/envoyproxy/envoy:v1.33.2',
    ]);
  });
});

describe('verifySummary', () => {
  it('a table of lessons with their result, time and JUnit file, then one verdict', () => {
    const verdicts = [
      { id: 'tour', result: 'pass', seconds: 12.4, junit: '/h/verify/tour.xml' },
      { id: 'no-mesh', result: 'fail', seconds: 301, junit: '/h/verify/no-mesh.xml' },
    ] as const;
    expect(verifySummary(verdicts)).toEqual([
      'lesson   result     time    JUnit, or why not run',
      'tour     ✓ pass     12s     /h/verify/tour.xml',
      'no-mesh  ✗ FAIL     301s    /h/verify/no-mesh.xml',
      '',
      '1 of the 2 lessons that ran failed; their JUnit files and logs say where.',
    ]);
    expect(verifyExitCode(verdicts)).toBe(1);
  });

  it('lessons that could not run are named with the reason, and the exit code says the run is incomplete', () => {
    const verdicts = [
      { id: 'tour', result: 'pass', seconds: 5, junit: '/h/verify/tour.xml' },
      { id: 'no-mesh', result: 'not run', seconds: 0, junit: 'needs clusters, and there is no Docker engine' },
    ] as const;
    expect(verifySummary(verdicts)).toEqual([
      'lesson   result     time    JUnit, or why not run',
      'tour     ✓ pass     5s      /h/verify/tour.xml',
      'no-mesh  - not run  -       needs clusters, and there is no Docker engine',
      '',
      '1 of 2 lessons ran and passed; 1 could not run on this machine (see why above).',
    ]);
    expect(verifyExitCode(verdicts)).toBe(VERIFY_INCOMPLETE);
    expect(verifyExitCode([verdicts[0]])).toBe(0);
    expect(verifyExitCode([...verdicts, { id: 'x', result: 'fail', seconds: 1, junit: 'x.xml' }])).toBe(1);
  });
});

describe('headlessRunArgs', () => {
  it('runs each lesson unattended with its cleanup and a JUnit file, and the optional steps only when asked', () => {
    const globals = { lessonsDir: '/pack', home: '/h' };
    expect(headlessRunArgs(globals, 'one-mesh', '/h/verify/one-mesh.xml', false)).toEqual(['run', 'one-mesh', '--yes', '--cleanup', '--junit-file', '/h/verify/one-mesh.xml', '--lessons', '/pack', '--home', '/h']);
    expect(headlessRunArgs(globals, 'one-mesh', '/h/verify/one-mesh.xml', true)).toContain('--optional');
  });

  it('records each lesson in the folder verify --record names, as an absolute path', () => {
    const args = headlessRunArgs({ lessonsDir: '/pack', home: '/h' }, 'tour', '/h/verify/tour.xml', false, '/room/recordings');
    expect(args.slice(args.indexOf('--record'), args.indexOf('--record') + 2)).toEqual(['--record', '/room/recordings']);
    expect(headlessRunArgs({ lessonsDir: '/pack', home: '/h' }, 'tour', '/h/verify/tour.xml', false)).not.toContain('--record');
  });
});
