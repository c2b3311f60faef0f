import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { outputLines, type EngineEvent, type EventOf } from '../../src/engine/events.js';
import { runLesson } from '../../src/engine/run-lesson.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';

const saved = process.env.KUBECONFIG;
afterEach(() => {
  if (saved === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = saved;
});

async function finished(yaml: string): Promise<EventOf<'step-finished'>[]> {
  const events: EngineEvent[] = [];
  await runLesson({ lesson: lessonFromYaml(HEADER + yaml), home: tempDir('mw-home-'), emit: (e) => events.push(e), killGraceMs: 200 });
  return events.filter((e): e is EventOf<'step-finished'> => e.type === 'step-finished');
}

describe("the learner's own kubeconfig, wherever KUBECONFIG pointed when the workshop started", () => {
  it('is refused before a step can copy it into the workshop, and a step that does not touch it runs', async () => {
    const own = path.join(tempDir('mw-learner-'), 'clusters', 'prod.yaml');
    process.env.KUBECONFIG = own;
    const [copy] = await finished(`
steps:
  - id: copy
    title: Make kubectl work
    run: cat ${own} > "$LESSON_TMP/k"
`);
    expect(copy?.status).toBe('failed');
    expect(copy?.reason).toContain('uses your own kubeconfig');
    expect(copy?.reason).toContain('mesh-workshop context allow NAME');
    const [fine] = await finished(`
steps:
  - id: fine
    title: Something else
    run: echo "$KUBECONFIG" > "$LESSON_TMP/which"
`);
    expect(fine?.status).toBe('passed');
  });
});

describe("the HOME steps get", () => {
  async function homeSeen(extra = ''): Promise<{ home: string; seen: string[] }> {
    const home = tempDir('mw-home-');
    const events: EngineEvent[] = [];
    await runLesson({ lesson: lessonFromYaml(`${HEADER}${extra}\nsteps:\n  - id: where\n    title: Where is home\n    run: 'echo "$HOME"; echo "docker=\${DOCKER_CONFIG:-}"'\n`), home, emit: (e) => events.push(e), killGraceMs: 200 });
    return { home, seen: events.flatMap((e) => (e.type === 'output' ? outputLines(e) : [])) };
  }

  it("is the workshop's own, so nothing of the learner's home is where tools look by default; Docker keeps its folder", async () => {
    const savedDocker = process.env.DOCKER_CONFIG;
    process.env.DOCKER_CONFIG = '/learner/.docker';
    try {
      const { home, seen } = await homeSeen();
      expect(seen).toEqual([path.join(home, 'home'), 'docker=/learner/.docker']);
    } finally {
      if (savedDocker === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = savedDocker;
    }
  });

  it("is the learner's when the lesson declares it needs it", async () => {
    const { seen } = await homeSeen('learnerHome: true\n');
    expect(seen[0]).toBe(process.env.HOME);
  });
});
