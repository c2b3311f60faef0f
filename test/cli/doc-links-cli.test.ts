// The line-by-line mode (`run` asking on stdin) prints a step's docs as plain `title: URL` lines under its text:
// a screen reader and a log get the address whole, and no terminal link sequence.
import { describe, expect, it } from 'vitest';
import { mw } from '../helpers/cli.js';
import { HEADER, tempDir, writeLesson } from '../helpers/lessons.js';

const LESSON = `${HEADER}steps:
  - id: hello
    title: Say hello
    text: The command prints a word.
    docs:
      - title: "kind: Quick Start"
        url: https://kind.sigs.k8s.io/docs/user/quick-start/
      - title: "istio.io: Install Multi-Primary on different networks, with a title long enough to pass the width of a line"
        url: https://istio.io/latest/docs/setup/install/multicluster/multi-primary_multi-network/
    run: echo hello
  - id: question
    title: A question
    docs:
      - title: "istio.io: Architecture"
        url: https://istio.io/latest/docs/ops/deployment/architecture/
    quiz: { question: Which proxy?, choices: [Envoy, nginx], answer: 1, explanation: Envoy it is. }
`;

describe('run, asking on stdin', () => {
  it("prints a step's docs under its text as title: URL lines, one a line, before the question", () => {
    const pack = tempDir('mw-docs-pack-');
    writeLesson(pack, '01-test', LESSON);
    const { status, stderr } = mw(['--lessons', pack, 'run', 'test'], { input: 'y\n1\n' });
    expect(status).toBe(0);
    expect(stderr).toContain(
      [
        'Step 1/2 hello: Say hello',
        '  The command prints a word.',
        '  kind: Quick Start: https://kind.sigs.k8s.io/docs/user/quick-start/',
        '  istio.io: Install Multi-Primary on different networks, with a title long enough to pass the width of a line: https://istio.io/latest/docs/setup/install/multicluster/multi-primary_multi-network/',
        '  $ echo hello',
        'Run it?',
      ].join('\n'),
    );
    expect(stderr).toContain('Step 2/2 question: A question\n  istio.io: Architecture: https://istio.io/latest/docs/ops/deployment/architecture/\n');
    expect(stderr).not.toContain('\u001b]8;;');
  });
});
