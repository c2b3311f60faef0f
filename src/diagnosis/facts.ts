/**
 * What the diagnosis of a failed step reads from the clusters and the machine, as plain JSON-able data: the
 * gatherer (gather.ts) fills it, the rules (rules.ts) judge it, a support bundle can keep it as it is. Each
 * field is a fact in the workshop's own words, already taken out of kubectl's, istioctl's and docker's
 * output (parse.ts); nothing here holds a whole object as the API returned it.
 */

/** One container of a pod (an init container too: Istio's native sidecar is one). */
export interface ContainerFact {
  name: string;
  init: boolean;
  image: string;
  ready: boolean;
  restarts: number;
  /** Why it is not running, as the kubelet says (ImagePullBackOff, CrashLoopBackOff, ContainerCreating…). */
  waiting?: { reason: string; message?: string };
  /** How it ended last time (a crash loop's exit code). */
  lastExit?: { exitCode: number; reason?: string };
}

export interface PodFact {
  namespace: string;
  name: string;
  /** Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  containers: ContainerFact[];
  /** The scheduler's message when it could not place the pod (PodScheduled False). */
  unschedulable?: string;
  /** Whether an istio-proxy container (or native sidecar) is in it. */
  hasSidecar: boolean;
  /** `sidecar.istio.io/inject: "false"` on it: it is meant to have none. */
  injectionOff: boolean;
}

/** A Warning event, as `kubectl get events --field-selector type=Warning` lists it. */
export interface EventFact {
  namespace: string;
  reason: string;
  message: string;
  /** `Pod/name`, `ReplicaSet/name`… */
  object: string;
  count: number;
}

export interface NamespaceFact {
  name: string;
  exists: boolean;
  labels: Record<string, string>;
}

/** A LoadBalancer Service and the addresses its status holds (none until a provider gives one). */
export interface ServiceFact {
  namespace: string;
  name: string;
  addresses: string[];
}

export interface IstiodFact {
  found: boolean;
  replicas?: number;
  available?: number;
}

/** One proxy of `istioctl proxy-status -v 1`: its xDS types and their states (SYNCED, STALE, NOT SENT…). */
export interface ProxyFact {
  name: string;
  statuses: Record<string, string>;
}

/** One message of `istioctl analyze`. */
export interface AnalyzeFact {
  level: 'Error' | 'Warning' | 'Info';
  code: string;
  /** `VirtualService default/bookinfo`, `Namespace default`… */
  origin?: string;
  message: string;
}

/** The last lines a crashed container wrote before it ended (`kubectl logs --previous --tail 5`). */
export interface LogFact {
  namespace: string;
  pod: string;
  container: string;
  lines: string[];
}

export interface ClusterFacts {
  role: string;
  context: string;
  /**
   * answered: the API server answered; context-missing: the workshop kubeconfig has no such context;
   * unreachable: it did not answer (or not in time); refused: the context guard refused the look.
   */
  state: 'answered' | 'context-missing' | 'unreachable' | 'refused';
  /** Why not, in the tool's words, when it did not answer. */
  problem?: string;
  namespaces: NamespaceFact[];
  pods: PodFact[];
  events: EventFact[];
  services?: ServiceFact[];
  istiod?: IstiodFact;
  proxies?: ProxyFact[];
  analyze: AnalyzeFact[];
  logs: LogFact[];
}

export type CommandOutcome = 'ok' | 'failed' | 'timed-out' | 'refused' | 'missing' | 'skipped';

/** Each command the diagnosis ran (or did not), for the record. */
export interface CommandRecord {
  command: string;
  outcome: CommandOutcome;
  ms: number;
  /** Why it failed, was refused or skipped, in a line. */
  note?: string;
}

export interface DiagnosisFacts {
  /** For fixes that differ between macOS and Linux (Docker Desktop's settings, or systemctl). */
  platform: NodeJS.Platform;
  /** The lesson the step belongs to. */
  lessonId: string;
  /** `docker info`: whether an engine answers, and what it offers. */
  engine?: { reachable: boolean; problem?: string; memoryBytes?: number; cpus?: number };
  /** The cloud-provider-kind container that gives LoadBalancer Services their addresses (looked at only when one has none). */
  loadBalancer?: { state: 'running' | 'stopped' | 'missing'; detail?: string };
  /** Programs the diagnosis needed and did not find. */
  missingTools: string[];
  /** The failed part of the step reads sidecars (istio-proxy, 2/2, proxy-config…): pods without one matter. */
  expectsSidecar: boolean;
  /** The namespaces looked at. */
  namespaces: string[];
  clusters: ClusterFacts[];
  commands: CommandRecord[];
  timeLimitMs: number;
}

export type CauseKind =
  | 'no-engine'
  | 'tool-missing'
  | 'context-missing'
  | 'cluster-unreachable'
  | 'image-pull'
  | 'insufficient-resources'
  | 'crash-loop'
  | 'istiod-not-ready'
  | 'load-balancer-address'
  | 'no-sidecar-label'
  | 'no-sidecar-restart'
  | 'proxy-not-synced'
  | 'analyze'
  | 'warning-event'
  | 'istio-missing';

/** A likely cause of the failure, with one thing to do about it. */
export interface Cause {
  kind: CauseKind;
  title: string;
  detail?: string;
  next: string;
}

export interface Diagnosis {
  causes: Cause[];
  facts: DiagnosisFacts;
  durationMs: number;
}
