// Every manifest the lessons ship, through the checker learners use (mesh-workshop validate): each is
// valid, Kubernetes and Istio kinds alike, with no warning (the checker has a schema for every kind they
// use). Scaffolds (tasks/*.yaml, a part left for the learner, some broken on purpose) are only read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManifests, formatProblem } from '../../src/manifests/validate-manifests.js';
import { lessonYamlFiles } from '../helpers/lesson-yaml-files.js';

const yamlFiles = lessonYamlFiles;

const isScaffold = (file: string) => /(^|\/)tasks\/[^/]+$/.test(file.split(path.sep).join('/'));
const files = yamlFiles('lessons');
const manifests = files.filter((file) => !isScaffold(file));
const scaffolds = files.filter(isScaffold);

describe("the lessons' manifests", () => {
  it('there are some, of both Kubernetes and Istio kinds', async () => {
    expect(manifests.length).toBeGreaterThan(10);
    const kinds = new Set<string>();
    for (const file of manifests) for (const { apiVersion } of (await checkManifests(readFileSync(file, 'utf8'), file)).objects) kinds.add(apiVersion.includes('istio.io') ? 'istio' : 'kubernetes');
    expect([...kinds].sort()).toEqual(['istio', 'kubernetes']);
  });

  it.each(manifests)('%s is valid', async (file) => {
    const { problems, objects } = await checkManifests(readFileSync(file, 'utf8'), file);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) expect(object.name, `${object.kind} in ${file}`).not.toBe('');
  });
});

describe.runIf(scaffolds.length > 0)("the lessons' scaffolds", () => {
  it.each(scaffolds)('%s is read without a failure, its problems each at a place in the file', async (file) => {
    const text = readFileSync(file, 'utf8');
    const { problems } = await checkManifests(text, file);
    const lines = text.split('\n').length;
    for (const problem of problems) {
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.line).toBeLessThanOrEqual(lines);
      expect(problem.col).toBeGreaterThanOrEqual(1);
    }
  });
});
