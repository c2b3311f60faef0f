/**
 * Facts for the rules' pure tests (rules*.test.ts): one answering kind cluster with nothing wrong in it, on
 * Linux with a running engine and every tool found, each test adding what its rule reads.
 */
import type { Cause, CauseKind, ClusterFacts, DiagnosisFacts } from '../../src/diagnosis/facts.js';

/** The causes of one kind. */
export const of = (causes: readonly Cause[], kind: CauseKind): Cause[] => causes.filter((cause) => cause.kind === kind);

export function cluster(fields: Partial<ClusterFacts> = {}): ClusterFacts {
  return { role: 'cluster1', context: 'kind-cluster1', state: 'answered', namespaces: [], pods: [], events: [], analyze: [], logs: [], ...fields };
}

export function facts(clusters: ClusterFacts[], fields: Partial<DiagnosisFacts> = {}): DiagnosisFacts {
  return { platform: 'linux', lessonId: 'test', engine: { reachable: true }, missingTools: [], expectsSidecar: false, namespaces: ['sample', 'istio-system'], clusters, commands: [], timeLimitMs: 10_000, ...fields };
}
