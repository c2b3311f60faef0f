// The cluster lessons on a machine without their clusters (every machine the suite runs on): each stops at
// its first step with what kubectl said and the command that fixes it, and starts nothing else. What they
// teach on real clusters is checked by their examples (bundled-lessons), by `npm run test:e2e` where Docker
// runs, and their scripts by shellcheck, the kubectl usage check and the context guard.
import { describe, expect, it } from 'vitest';
import { loadLessonPack } from '../../src/lesson/load.js';
import { HAS_KUBECTL } from '../helpers/kubectl-usage.js';
import { mw } from '../helpers/cli.js';

const lessons = loadLessonPack('lessons').lessons.map((loaded) => loaded.lesson);
const clusterLessons = lessons.filter((lesson) => (lesson.clusters ?? []).length > 0);

describe('the cluster lessons', () => {
  it('are the ones the curriculum names so far, in order, each naming its seed on every step', () => {
    expect(clusterLessons.map((lesson) => [lesson.id, lesson.clusters])).toEqual([
      ['no-mesh', ['cluster1', 'cluster2']],
      ['traffic-entry', ['cluster1']],
      ['resilience-security', ['cluster1']],
      ['one-mesh', ['cluster1', 'cluster2']],
      ['multi-mesh', ['cluster1', 'cluster2', 'cluster3']],
      ['multi-network', ['cluster1', 'cluster3']],
      ['vm', ['cluster1']],
    ]);
    for (const lesson of clusterLessons) {
      for (const step of [...(lesson.setup ?? []), ...lesson.steps, ...(lesson.cleanup ?? [])]) expect(step.sources?.length, `${lesson.id}/${step.id}`).toBeGreaterThan(0);
      // Each leaves the clusters as the next lesson expects, and says what it pulls.
      expect(lesson.cleanup?.length, lesson.id).toBeGreaterThan(0);
    }
  });

  describe.runIf(HAS_KUBECTL).each(clusterLessons.map((lesson) => [lesson.id]))('%s without its clusters', (id) => {
    it('stops at its first step with kubectl\'s own error and the command that creates the clusters', () => {
      const result = mw(['run', id, '--yes']);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(/error: context "kind-cluster1" does not exist/);
      expect(result.stdout).toMatch(/mesh-workshop cluster up cluster1/);
      expect(result.stdout).toMatch(/^FAILED: 0 passed, 1 failed/m);
    });
  });
});
