/**
 * The doctor's verdict as the home screen shows it: one summary line, and for each lesson what this
 * machine still lacks for it (the Docker engine, a pinned tool, a cluster not created yet).
 */
import type { Finding, MachineFacts } from './doctor.js';
import { findOnPath } from './tools.js';
import { KUBECTL_MINIMUM_MINOR, kubernetesMinor } from './versions.js';

export interface LessonNeeds {
  clusters: readonly string[];
  tools: readonly string[];
}

export interface MachineReadiness {
  summary: string;
  ready: boolean;
  missingFor(needs: LessonNeeds): string[];
}

export function machineReadiness(facts: MachineFacts, findings: readonly Finding[], searchPath = process.env.PATH ?? ''): MachineReadiness {
  const fails = findings.filter((finding) => finding.severity === 'fail');
  const warns = findings.filter((finding) => finding.severity === 'warn');
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  // The counts and where to look come first: a narrow terminal cuts the end of the line, not them.
  const summary =
    fails.length + warns.length === 0
      ? '✓ This machine is ready for every lesson.'
      : `${fails.length > 0 ? `✗ ${plural(fails.length, 'problem')}` : '✓ no problems'}${warns.length > 0 ? `, ${plural(warns.length, 'warning')}` : ''} ('mesh-workshop doctor' has the fixes)${fails.length > 0 ? `: ${fails.map((finding) => finding.check).join(', ')}` : ''}`;
  const engine = facts.docker.reachable;
  const missingFor = (needs: LessonNeeds): string[] => {
    const missing = new Set<string>();
    if (needs.clusters.length > 0 && !engine) missing.add('Docker engine');
    for (const tool of needs.tools) {
      const pinned = facts.tools.find((status) => status.tool === tool);
      if (tool === 'kubectl') {
        // Any kubectl the lessons can use will do, as the doctor judges it; the pinned one is only the fix.
        const minor = facts.kubectl === undefined ? undefined : kubernetesMinor(facts.kubectl);
        if (facts.kubectl === undefined || (minor !== undefined && minor < KUBECTL_MINIMUM_MINOR)) missing.add(`kubectl 1.${KUBECTL_MINIMUM_MINOR}+`);
      } else if (pinned) {
        if (pinned.from === 'missing') missing.add(`${tool} ${pinned.pinned}`);
      } else if (tool === 'docker') {
        if (!engine) missing.add('Docker engine');
      } else if (!findOnPath(tool, searchPath)) missing.add(tool);
    }
    if (engine && facts.kindClusters) {
      const down = needs.clusters.filter((cluster) => !facts.kindClusters?.includes(cluster));
      if (down.length > 0) missing.add(`${down.join(', ')} (mesh-workshop cluster up)`);
    }
    return [...missing];
  };
  return { summary, ready: fails.length === 0, missingFor };
}
