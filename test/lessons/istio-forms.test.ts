// Examples show what Istio 1.31 prints on Kubernetes 1.36, not what older versions printed: a check
// whose examples are all in an old form can pass the suite and still fail the first live run.
import { describe, expect, it } from 'vitest';
import { loadLessonPack } from '../../src/lesson/load.js';
import { allSteps, stepChecks } from '../../src/lesson/steps.js';
import { defaultLessonsDir } from '../../src/paths.js';

const { lessons } = loadLessonPack(defaultLessonsDir());
const checks = lessons.flatMap((loaded) =>
  allSteps(loaded.lesson).flatMap((step) => stepChecks(step).map((check, index) => ({ where: `${loaded.lesson.id}/${step.id} check ${index + 1}`, check }))),
);

describe('examples in Istio 1.31 forms', () => {
  it('istioctl remote-clusters tables have the REVISION column (istioctl/pkg/proxyconfig/clusters.go)', () => {
    const tables = checks.flatMap(({ where, check }) =>
      [...(check.examples?.pass ?? []), ...(check.examples?.fail ?? [])]
        .map((example) => example.output.split('\n').find((line) => /^\s*NAME\s+SECRET\s+STATUS\s+ISTIOD\b/.test(line)))
        .filter((header): header is string => header !== undefined)
        .map((header) => ({ where, header: header.trim() })),
    );
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.filter(({ header }) => !/\bREVISION$/.test(header))).toEqual([]);
  });

  it('a check on the injection annotation accepts the native sidecar form (istio-proxy under initContainers)', () => {
    const injected = checks.filter(({ check }) => 'jsonpath' in check && check.jsonpath.includes('sidecar\\.istio\\.io/status'));
    expect(injected.length).toBeGreaterThan(0);
    const nativeForm = /\\"initContainers\\":\[[^\]]*\\"istio-proxy\\"/;
    const withoutNative = injected.filter(({ check }) => !(check.examples?.pass ?? []).some((example) => nativeForm.test(example.output)));
    expect(withoutNative.map(({ where }) => where)).toEqual([]);
  });
});
