// What `verify` is asked to do, worked out before anything runs (src/commands/verify-plan.ts), and the
// clusters a lesson's optional steps use (listing.optionalClusters): pure, no Docker needed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../src/commands/options.js';
import { clustersToVerify, selectLessons, verifyRequest } from '../../src/commands/verify-plan.js';
import { listingOf, rolesNamed } from '../../src/lesson/listing.js';
import { loadLessonPack } from '../../src/lesson/load.js';
import type { Step } from '../../src/lesson/schema.js';
import { defaultLessonsDir } from '../../src/paths.js';

const ORDER = ['cluster1', 'cluster2', 'cluster3'];
const lesson = (id: string, clusters: string[] = [], optionalClusters: string[] = []) => ({ id, clusters, optionalClusters });
const PACK = [lesson('tour'), lesson('concepts', [], ['cluster1']), lesson('no-mesh', ['cluster1', 'cluster2']), lesson('multi-network', ['cluster1', 'cluster3']), lesson('multi-mesh', ['cluster3', 'cluster1', 'cluster2'])];

/** verify's request from a command line, through the CLI's own parser. */
function request(argv: string[]) {
  const { values, positionals } = parseFlags(argv);
  const [command, ...rest] = positionals;
  expect(command).toBe('verify');
  return verifyRequest(values, rest);
}

describe('verify LESSON… [--optional] [--keep] [--junit-dir DIR], read from the command line', () => {
  it('no lesson named means every lesson, switches off, JUnit files in the default place', () => {
    expect(request(['verify'])).toEqual({ lessons: [], optional: false, keep: false });
  });

  it('takes lesson ids in any place among the options, and a JUnit folder made absolute', () => {
    expect(request(['verify', 'no-mesh', '--optional', 'vm', '--junit-dir', 'out/junit', '--keep'])).toEqual({ lessons: ['no-mesh', 'vm'], optional: true, keep: true, junitDir: path.resolve('out/junit') });
    expect(request(['verify', '--junit-dir=/tmp/j', 'tour']).junitDir).toBe('/tmp/j');
  });

  it('refuses a lesson named twice, an empty --junit-dir, --junit-dir without a value, and a misspelt option', () => {
    expect(() => request(['verify', 'vm', 'tour', 'vm'])).toThrow("verify: the lesson 'vm' is named twice");
    expect(() => request(['verify', '--junit-dir', ''])).toThrow('verify: --junit-dir needs a folder, e.g. --junit-dir reports');
    expect(() => request(['verify', '--junit-dir'])).toThrow(/Option '--junit-dir <value>' argument missing/);
    expect(() => request(['verify', '--junit-dri', 'x'])).toThrow(/Unknown option '--junit-dri'/);
  });
});

describe('which lessons', () => {
  it('all of them when none is named, in the pack order', () => {
    expect(selectLessons(PACK, []).map((found) => found.id)).toEqual(['tour', 'concepts', 'no-mesh', 'multi-network', 'multi-mesh']);
  });

  it('the named ones, in the pack\'s order whatever order they were named in', () => {
    expect(selectLessons(PACK, ['multi-mesh', 'tour']).map((found) => found.id)).toEqual(['tour', 'multi-mesh']);
  });

  it('names an unknown lesson with the closest one and every lesson there is', () => {
    expect(() => selectLessons(PACK, ['tour', 'no-msh'])).toThrow("verify: no lesson 'no-msh' (did you mean 'no-mesh'?); the lessons are tour, concepts, no-mesh, multi-network, multi-mesh");
    expect(() => selectLessons(PACK, ['kiali'])).toThrow("verify: no lesson 'kiali'; the lessons are tour, concepts, no-mesh, multi-network, multi-mesh");
  });
});

describe('which clusters', () => {
  it('only those the chosen lessons need, each once, in the workshop\'s order', () => {
    expect(clustersToVerify(selectLessons(PACK, ['multi-network']), false, ORDER)).toEqual(['cluster1', 'cluster3']);
    expect(clustersToVerify(selectLessons(PACK, ['multi-network', 'no-mesh']), false, ORDER)).toEqual(['cluster1', 'cluster2', 'cluster3']);
    expect(clustersToVerify(selectLessons(PACK, ['multi-mesh']), false, ORDER)).toEqual(['cluster1', 'cluster2', 'cluster3']);
  });

  it('none for lessons that need none; with --optional, the ones their optional steps use', () => {
    expect(clustersToVerify(selectLessons(PACK, ['tour', 'concepts']), false, ORDER)).toEqual([]);
    expect(clustersToVerify(selectLessons(PACK, ['tour', 'concepts']), true, ORDER)).toEqual(['cluster1']);
    expect(clustersToVerify(selectLessons(PACK, ['tour']), true, ORDER)).toEqual([]);
  });

  it('a cluster the workshop does not create is named, not silently left out', () => {
    expect(() => clustersToVerify([lesson('x', ['cluster4'])], false, ORDER)).toThrow('verify: the lessons need cluster4, which the workshop does not create (its clusters are cluster1, cluster2, cluster3)');
  });
});

describe('the clusters only optional steps use (listing.optionalClusters)', () => {
  const step = (run: string, optional = false) => ({ id: 's', title: 'S', run, optional }) as unknown as Step;

  it('are the roles named as $CTX_…, ${CTX_…} or ${API_SERVER_…} in the steps\' scripts, in order, once', () => {
    expect(rolesNamed([step('kubectl --context "${CTX_CLUSTER3}" get pods; kubectl --context $CTX_CLUSTER1 get ns'), step('echo "${API_SERVER_CLUSTER1}"')])).toEqual(['cluster1', 'cluster3']);
    expect(rolesNamed([step('echo CTX_CLUSTER2 is only text here'), step('kubectl get pods')])).toEqual([]);
  });

  it('in the bundled lessons: concepts\' optional step uses cluster1; no other lesson\'s optional steps go beyond its clusters', () => {
    const { lessons } = loadLessonPack(defaultLessonsDir());
    const optional = Object.fromEntries(lessons.map(listingOf).map((listing) => [listing.id, listing.optionalClusters]));
    expect(optional.concepts).toEqual(['cluster1']);
    expect(Object.entries(optional).filter(([id, roles]) => id !== 'concepts' && roles.length > 0)).toEqual([]);
  });
});
