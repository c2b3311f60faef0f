// Every bundled diagram at 60, 80, 120 and 160 columns, Unicode and ASCII, through a structural validator:
// no line wider than the width, every box closed, every numbered link attached at both ends, every
// label in the picture. Plus the loader's located errors for a broken diagram.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramNames, diagramsDir, loadDiagram } from '../../src/diagrams/load.js';
import { renderDiagram } from '../../src/views/diagram.js';
import { pictureProblems } from '../helpers/diagram-validator.js';
import { tempDir } from '../helpers/lessons.js';

const ASSETS = path.resolve('assets');

describe('bundled diagrams', () => {
  const names = diagramNames(ASSETS);
  it('there are diagrams, and each loads', () => {
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(loadDiagram(path.join(diagramsDir(ASSETS), `${name}.yaml`)).problems).toEqual([]);
  });

  for (const name of names) {
    for (const width of [60, 80, 120, 160]) {
      for (const ascii of [false, true]) {
        it(`${name} at ${width} columns${ascii ? ', ASCII' : ''} is a sound picture`, () => {
          const { diagram } = loadDiagram(path.join(diagramsDir(ASSETS), `${name}.yaml`));
          if (!diagram) throw new Error(`${name} does not load`);
          const highlight = Object.values(diagram.paths ?? {})[0] ?? [];
          const lines = renderDiagram(diagram, { width, ascii, highlight });
          expect(pictureProblems(lines, width, diagram, ascii)).toEqual([]);
          if (ascii) expect(lines.join('\n')).toMatch(/^[\x20-\x7e\n]*$/);
          // The highlighted path is marked without colour.
          if (highlight.length > 0) expect(lines.join('\n')).toContain(ascii ? '*' : '◆');
        });
      }
    }
  }

  it('the validator itself finds a broken box and a line too wide', () => {
    const { diagram } = loadDiagram(path.join(diagramsDir(ASSETS), 'no-mesh.yaml'));
    if (!diagram) throw new Error('no-mesh does not load');
    const lines = renderDiagram(diagram, { width: 160 });
    const broken = lines.map((line, index) => (index === 5 ? line.replace('│', ' ') : line));
    expect(pictureProblems(broken, 160, diagram, false).join('\n')).toMatch(/open (left|right) side/);
    expect(pictureProblems(lines, 40, diagram, false).join('\n')).toMatch(/is \d+ wide/);
  });

  it('sits side by side when there is room, stacked when not', () => {
    const { diagram } = loadDiagram(path.join(diagramsDir(ASSETS), 'no-mesh.yaml'));
    if (!diagram) throw new Error('no-mesh does not load');
    const wide = renderDiagram(diagram, { width: 160 });
    expect(wide.some((line) => line.includes('Cluster1') && line.includes('Cluster2'))).toBe(true);
    const narrow = renderDiagram(diagram, { width: 80 });
    expect(narrow.some((line) => line.includes('Cluster1') && line.includes('Cluster2'))).toBe(false);
  });
});

describe('loadDiagram', () => {
  it('names a link to a box that is not there, with where it is and a suggestion', () => {
    const file = path.join(tempDir('mw-diagram-'), 'broken.yaml');
    writeFileSync(file, 'title: T\nsource: "000"\nclusters:\n  - name: C1\n    rows:\n      - - { id: pod-a, kind: pod, label: A }\nlinks:\n  - { from: pod-a, to: pod-b, kind: mtls }\n');
    const { problems } = loadDiagram(file);
    expect(problems.map((problem) => `${problem.line}:${problem.col}: ${problem.message}`)).toEqual(["8:24: no box 'pod-b' (did you mean 'pod-a'?)"]);
  });
  it('reports schema problems at their place', () => {
    const file = path.join(tempDir('mw-diagram-'), 'broken.yaml');
    writeFileSync(file, 'title: T\nsource: "000"\nclusters:\n  - name: C1\n    rows:\n      - - { id: pod-a, kind: pot, label: A }\n');
    expect(loadDiagram(file).problems[0]).toMatchObject({ line: 6, severity: 'error' });
  });
});

describe('mesh-workshop diagram (built CLI)', () => {
  it('lists the diagrams, draws one at a width with a named path marked, and falls back to ASCII without UTF-8', async () => {
    const { mw } = await import('../helpers/cli.js');
    const list = mw(['diagram', '--list']);
    expect(list.stdout).toMatch(/^no-mesh +No mesh: two clusters/m);
    const drawn = mw(['diagram', 'two-networks', '--width', '100', '--highlight', 'across-networks'], { env: { LANG: 'C.UTF-8' } });
    expect(drawn.status).toBe(0);
    expect(drawn.stdout.split('\n').every((line) => [...line].length <= 100)).toBe(true);
    expect(drawn.stdout).toMatch(/◆③ EndPnt-A ══SNI names svc-B; TLS not ended══▶ east-west gateway {2}\(Cluster1 → Cluster3\)/);
    const ascii = mw(['diagram', 'two-networks', '--width', '100'], { env: { LANG: 'C', LC_ALL: '', LC_CTYPE: '' } });
    expect(ascii.stdout).toMatch(/^[\x20-\x7e\n]*$/);
    expect(mw(['diagram', 'two-network']).stderr).toMatch(/^mesh-workshop: no diagram 'two-network' \(did you mean 'two-networks'\?\)/);
    expect(mw(['diagram', 'no-mesh', '--highlight', 'nowhere']).stderr).toBe("mesh-workshop: --highlight nowhere: a path's name (local) or box ids joined by commas\n");
  });
});

describe('golden pictures (reviewed by eye; regenerate with vitest -u after a deliberate change)', () => {
  for (const name of diagramNames(ASSETS)) {
    for (const width of [80, 120]) {
      it(`${name} at ${width} columns`, async () => {
        const { diagram } = loadDiagram(path.join(diagramsDir(ASSETS), `${name}.yaml`));
        if (!diagram) throw new Error(`${name} does not load`);
        const highlight = Object.values(diagram.paths ?? {})[0] ?? [];
        await expect(`${renderDiagram(diagram, { width, highlight }).join('\n')}\n`).toMatchFileSnapshot(`../fixtures/diagrams/${name}.${width}.txt`);
      });
    }
  }
});
