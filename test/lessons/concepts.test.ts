// The concepts lesson: every question has its answer among its choices, and a learner who answers
// each one right passes the lesson through the real CLI (asking on stdin, as --plain does), with the
// choices in that learner's own order; its two local steps run and pass; the deployment-model steps
// show the workshop's diagrams.
import { describe, expect, it } from 'vitest';
import { loadLessonFile } from '../../src/lesson/load.js';
import { mw } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';
import { homeOfLearner, shownAnswer } from '../helpers/quiz.js';

const LEARNER = 'learner-7';

describe('the concepts lesson', () => {
  const loaded = loadLessonFile('lessons/01-concepts/lesson.yaml').lesson;
  const steps = loaded?.lesson.steps ?? [];
  const quizzes = steps.filter((step) => step.quiz);
  const local = steps.filter((step) => !step.quiz && !step.optional);

  it('loads, and names a source on every step', () => {
    expect(steps.map((step) => step.id)).toEqual([
      'mesh',
      'planes',
      'istiod-parts',
      'sidecar-or-ambient',
      'four-dimensions',
      'clusters-and-networks',
      'control-planes-and-meshes',
      'traffic-apis',
      'envoy-clusters',
      'ingress-gateway',
      'security-observability-apis',
      'token-or-no-token',
      'mtls',
      'then-and-now',
      'why-a-mesh',
      'proxy-status',
    ]);
    // The one step that needs a cluster is optional: the lesson is complete without it.
    expect(steps.filter((step) => step.optional).map((step) => step.id)).toEqual(['proxy-status']);
    expect(local.map((step) => step.id)).toEqual(['envoy-clusters', 'security-observability-apis']);
    for (const step of steps) expect(step.sources?.length ?? 0, step.id).toBeGreaterThan(0);
  });

  it('walks the four dimensions with the deployment models page and a diagram each', () => {
    for (const id of ['four-dimensions', 'clusters-and-networks', 'control-planes-and-meshes']) {
      const step = steps.find((each) => each.id === id);
      expect(step?.diagram, id).toBeDefined();
      expect(step?.docs?.map((doc) => doc.url), id).toContain('https://istio.io/latest/docs/ops/deployment/deployment-models/');
    }
    const text = (id: string): string => String(steps.find((each) => each.id === id)?.text ?? '');
    expect(text('four-dimensions')).toMatch(/\*\*Cluster\*\*[\s\S]*\*\*Network\*\*[\s\S]*\*\*Control plane\*\*[\s\S]*\*\*Mesh\*\*/);
    expect(text('then-and-now')).toMatch(/removed in 1\.24/);
    expect(text('then-and-now')).toMatch(/ISTIO_MUTUAL[\s\S]*auto mTLS/);
    expect(text('then-and-now')).toContain('kubectl get gateways.networking.istio.io');
  });

  it('passes when each question is answered right and each local step is run; a wrong answer is said, and the question waits for another', () => {
    // Each question asks at once (there is nothing to run); a local step asks "Run it?".
    const input = (answer: (quiz: NonNullable<(typeof steps)[number]['quiz']>, id: string) => string): string =>
      steps
        .filter((step) => !step.optional)
        .map((step) => (step.quiz ? answer(step.quiz, step.id) : 'y\n'))
        .join('');
    const right = (quiz: NonNullable<(typeof steps)[number]['quiz']>, id: string): number => shownAnswer(LEARNER, 'concepts', id, quiz);
    const wrongs = (quiz: NonNullable<(typeof steps)[number]['quiz']>, id: string): number[] =>
      quiz.choices.map((_, index) => index + 1).filter((shown) => shown !== right(quiz, id));
    const home = (): string => homeOfLearner(tempDir('mw-cli-home-'), LEARNER);

    const passed = mw(['run', 'concepts'], { input: input((quiz, id) => `${right(quiz, id)}\n`), home: home() });
    expect(passed.stdout).toMatch(/^PASSED: 15 passed, 0 failed, 1 skipped/m);
    expect(passed.status).toBe(0);
    // A wrong answer, then the right one, for each question: still every question passed, each miss said.
    const retried = mw(['run', 'concepts'], { input: input((quiz, id) => `${wrongs(quiz, id)[0]}\n${right(quiz, id)}\n`), home: home() });
    expect(retried.stdout).toMatch(/^PASSED: 15 passed, 0 failed, 1 skipped/m);
    expect(retried.stderr.match(/Not quite: \d is not it\./g)).toHaveLength(quizzes.length);
    // Every wrong answer, then Enter to leave it: nothing is passed by luck; every question is left skipped.
    const wrongOnly = mw(['run', 'concepts'], { input: input((quiz, id) => `${wrongs(quiz, id).join('\n')}\n\n`), home: home() });
    expect(wrongOnly.stdout).toMatch(new RegExp(`^PASSED: 2 passed, 0 failed, ${quizzes.length + 1} skipped`, 'm'));
    expect(wrongOnly.stderr.match(/Not quite: \d is not it\./g)).toHaveLength(quizzes.reduce((sum, step) => sum + (step.quiz?.choices.length ?? 1) - 1, 0));
  });
});
