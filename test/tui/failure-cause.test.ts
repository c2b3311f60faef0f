// What a lesson lacks here and one fix for each; the cause a failed step's output names, with its fix.
import { describe, expect, it } from 'vitest';
import { failureCause, fixFor, lackLines } from '../../src/tui/failure-cause.js';

describe('what a lesson lacks, with a fix for each', () => {
  it('words one fix per thing the doctor says is missing', () => {
    expect(lackLines(['Docker engine', 'istioctl 1.30.1', 'kubectl 1.30+', 'cluster1, cluster2 (mesh-workshop cluster up)', 'jq'])).toEqual([
      'Docker engine: start Docker (or install it): kind runs the clusters in it',
      "istioctl 1.30.1: 'mesh-workshop tools install istioctl' fetches the pinned version",
      "kubectl 1.30+: 'mesh-workshop tools install kubectl' fetches the pinned version",
      "cluster1, cluster2: 'mesh-workshop cluster up' creates cluster1, cluster2",
      'jq: install jq, or put it on your PATH',
    ]);
    expect(fixFor('kind v0.27.0')).toBe("'mesh-workshop tools install kind' fetches the pinned version");
  });
});

describe('failureCause', () => {
  it('names the tool when a command is not found', () => {
    expect(failureCause(['bash: line 3: istioctl: command not found'])).toBe("istioctl is not installed here (command not found): 'mesh-workshop tools install istioctl' fetches the pinned version, or install it yourself.");
  });
  it('names the clusters when the kubeconfig has no such context', () => {
    expect(failureCause(['error: context "kind-cluster1" does not exist'])).toBe("The kubeconfig has no context 'kind-cluster1': the clusters are not up. 'mesh-workshop cluster up' creates them.");
  });
  it('names Docker when there is no engine', () => {
    expect(failureCause(['Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'])).toBe("Docker's engine is not running (or not reachable): start Docker, then run the step again.");
  });
  it('says nothing of a failure it does not know', () => {
    expect(failureCause(['bash: connect: Connection refused', 'bash: line 1: /dev/tcp/127.0.0.1/9: Connection refused'])).toBeUndefined();
  });
});
