// What lint says of a task: the learner does it, so the workshop runs no command of its own; its checks
// read state with their own commands; a solution is needed for "do it for me", run --yes and verify.
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/lesson/problems.js';
import { lintLesson } from '../../src/lint/lint-lesson.js';
import { HEADER, lessonFromYaml } from '../helpers/lessons.js';

const CHECK = `
    check:
      - run: cat greeting.txt
        equals: hello mesh
        examples:
          pass: [{ source: a real run, output: hello mesh }]
          fail: [{ source: a real run, output: hello world }]
    hint: [A nudge., The command.]`;

/** Lint's messages for a one-step lesson whose step is `step` (YAML under `- id: t`), without positions. */
function problems(step: string, files: Record<string, string> = {}): string[] {
  const loaded = lessonFromYaml(`${HEADER}steps:\n  - id: t\n    title: T\n${step}\n`, files);
  return lintLesson(loaded)
    .filter((problem) => problem.severity === 'error')
    .map((problem) => formatProblem(problem).replace(/^.*?:\d+:\d+: /, ''));
}

describe('lint on tasks', () => {
  it('a well-formed task has no problem', () => {
    expect(problems(`    task: true${CHECK}\n    solution: echo hello mesh > greeting.txt`)).toEqual([]);
    expect(problems(`    task: { scaffold: tasks/vs.yaml, reference: tasks/solved/vs.yaml, apply: kubectl apply -f vs.yaml }${CHECK}\n    solution: cp "$LESSON_DIR/tasks/solved/vs.yaml" vs.yaml`, { 'tasks/vs.yaml': 'kind: VirtualService\n', 'tasks/solved/vs.yaml': 'kind: VirtualService\n' })).toEqual([]);
  });

  it('refuses a task with a command, without a solution, with a capture, a view or a cwd', () => {
    expect(problems(`    task: true\n    run: echo hi${CHECK}\n    solution: echo hi`)).toEqual(['a task runs no command (the learner does it): move the command to `solution`']);
    expect(problems(`    task: true${CHECK}`)).toEqual(['a task needs a `solution`: the script "do it for me", run --yes and verify run']);
    expect(problems(`    task: true${CHECK}\n    solution: echo hi\n    capture: { X: { regex: x } }`)).toEqual(['a task has no output to capture from: capture in the step after it']);
    expect(problems(`    task: true${CHECK}\n    solution: echo hi\n    view: text`)).toEqual(['a task has no output to show: give the view to the step after it']);
    expect(problems(`    task: true${CHECK}\n    solution: echo hi\n    cwd: .`)).toEqual(["a task and its checks run in the learner's workspace ($WORKSPACE): cwd has no effect"]);
  });

  it('refuses a task whose checks read no state of their own, or that has none', () => {
    expect(problems(`    task: true\n    check: { contains: hello, examples: { pass: [{ source: s, output: hello }], fail: [{ source: s, output: bye }] } }\n    solution: echo hi`)).toEqual([
      "a task's check needs its own `run`: there is no command output to read (check the cluster or the workspace)",
    ]);
    expect(problems(`    task: true\n    solution: echo hi`)).toEqual(["a task needs checks that read the learner's work (each with its own `run`)"]);
  });

  it('refuses files that are not there, and a reference without the scaffold it finishes', () => {
    expect(problems(`    task: { scaffold: tasks/missing.yaml }${CHECK}\n    solution: echo hi`)[0]).toMatch(/^file not found: tasks\/missing\.yaml \(looked in /);
    expect(problems(`    task: { reference: tasks/solved/vs.yaml }${CHECK}\n    solution: echo hi`, { 'tasks/solved/vs.yaml': 'kind: VirtualService\n' })).toEqual([
      "a reference is compared with the learner's file: name the scaffold it finishes",
    ]);
  });

  it('a step is a task or a question, not both', () => {
    expect(problems(`    task: true${CHECK}\n    solution: echo hi\n    quiz: { question: Q?, choices: [a, b], answer: 1, explanation: E. }`)).toContain('a step is a task or a question, not both');
  });
});
