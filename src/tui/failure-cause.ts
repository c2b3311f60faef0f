/**
 * What a cluster lesson lacks on this machine, with one fix for each, and the cause a failed step's output
 * names (a tool not found, a context the kubeconfig does not have, no Docker engine), with its fix. Pure:
 * the lacks come from the doctor's verdict (readiness.ts words them), the causes from the output's lines.
 */

/** One fix for a thing the doctor says this machine lacks (its words: "Docker engine", "istioctl 1.30.1"…). */
export function fixFor(missing: string): string {
  if (missing === 'Docker engine') return 'start Docker (or install it): kind runs the clusters in it';
  const cluster = /^(.*) \(mesh-workshop cluster up\)$/.exec(missing);
  if (cluster) return `'mesh-workshop cluster up' creates ${cluster[1] ?? 'them'}`;
  const tool = /^(\S+)/.exec(missing)?.[1] ?? missing;
  if (/^kubectl 1\.\d+\+$/.test(missing) || /^\S+ v?\d[\w.+-]*$/.test(missing)) return `'mesh-workshop tools install ${tool}' fetches the pinned version`;
  return `install ${tool}, or put it on your PATH`;
}

/** Each thing lacked, with its fix, as a line for the screen. */
export function lackLines(missing: readonly string[]): string[] {
  return missing.map((item) => `${item.replace(/ \(mesh-workshop cluster up\)$/, '')}: ${fixFor(item)}`);
}

/** The cause a failed step's output (and its reason) names, with its fix; undefined when none matches. */
export function failureCause(lines: readonly string[], reason = ''): string | undefined {
  const text = [...lines.slice(-40), reason].join('\n');
  const notFound = /(?:^|\s)(?:bash: )?(?:line \d+: )?([\w.-]+): (?:command not found|No such file or directory)$/m.exec(text);
  if (notFound && !notFound[1]?.startsWith('/')) {
    const tool = notFound[1] ?? '';
    return `${tool} is not installed here (command not found): 'mesh-workshop tools install ${tool}' fetches the pinned version, or install it yourself.`;
  }
  if (/Cannot connect to the Docker daemon|docker daemon (?:is not )?running|failed to (?:connect to|get) docker|error during connect/i.test(text)) {
    return "Docker's engine is not running (or not reachable): start Docker, then run the step again.";
  }
  const context = /context "([^"]+)" (?:does not exist|not found)|no context exists with the name:? "?([^"\s]+)"?/i.exec(text);
  if (context) {
    const name = context[1] ?? context[2] ?? '';
    return `The kubeconfig has no context '${name}': the clusters are not up. 'mesh-workshop cluster up' creates them.`;
  }
  return undefined;
}

/**
 * The kind of cause a failureCause text names, in the diagnosis's words (src/diagnosis/facts.ts), so the
 * check panel does not say the same thing twice: once from the output, once from the clusters.
 */
export function failureCauseKind(cause: string | undefined): 'tool-missing' | 'no-engine' | 'context-missing' | undefined {
  if (cause === undefined) return undefined;
  if (cause.includes('is not installed here (command not found)')) return 'tool-missing';
  if (cause.startsWith("Docker's engine is not running")) return 'no-engine';
  if (cause.startsWith('The kubeconfig has no context')) return 'context-missing';
  return undefined;
}
