// The workshop's own state files: missing is normal; unusable is moved aside and said, never read as
// empty in silence; one that cannot be opened is the learner's to fix, with a message naming it.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterRecords } from '../../src/cluster/kind-clusters.js';
import { allowedContexts } from '../../src/cluster/kubeconfig.js';
import { toolStatuses } from '../../src/cluster/toolchain.js';
import { currentPlatform } from '../../src/cluster/versions.js';
import { stateFileValue, takeStateNotices } from '../../src/files/state-file.js';
import { openProgress, PROGRESS_FILE } from '../../src/progress/store.js';
import { mw } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';

const numbers = (data: unknown) => (Array.isArray(data) && data.every((n) => typeof n === 'number') ? { value: data as number[] } : { problem: 'not a list of numbers' });

function corruptCopies(dir: string, name: string): string[] {
  return readdirSync(dir).filter((entry) => entry.startsWith(`${name}.corrupt-`));
}

describe('stateFileValue', () => {
  it('gives the fallback for a missing file, with nothing to say', () => {
    takeStateNotices();
    expect(stateFileValue(path.join(tempDir('mw-state-'), 'none.json'), numbers, 'list', [7], 'Do this.')).toEqual([7]);
    expect(takeStateNotices()).toEqual([]);
  });

  it('reads a good file as it is', () => {
    const file = path.join(tempDir('mw-state-'), 'good.json');
    writeFileSync(file, '[1, 2]');
    expect(stateFileValue(file, numbers, 'list', [], 'Do this.')).toEqual([1, 2]);
  });

  it.each([
    ['not JSON', '[1, 2', /not valid JSON/],
    ['the wrong shape', '{"a": 1}', /not a list this version understands \(not a list of numbers\)/],
  ])('moves %s aside, keeps its bytes, and says where it went and what to do, once', (_what, text, reason) => {
    const dir = tempDir('mw-state-');
    const file = path.join(dir, 'numbers.json');
    writeFileSync(file, text);
    takeStateNotices();
    expect(stateFileValue(file, numbers, 'list', [], 'Run the thing again.')).toEqual([]);
    expect(existsSync(file)).toBe(false);
    const [copy] = corruptCopies(dir, 'numbers.json');
    expect(readFileSync(path.join(dir, copy!), 'utf8')).toBe(text);
    const notices = takeStateNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(reason);
    expect(notices[0]).toContain(`it was kept as ${path.join(dir, copy!)}. Run the thing again.`);
    expect(takeStateNotices()).toEqual([]);
  });

  it('refuses a file it cannot open, naming it, and leaves it where it is', () => {
    // A folder where the file should be: unreadable as a file for every user, root included (CI runs as root).
    const file = path.join(tempDir('mw-state-'), 'locked.json');
    mkdirSync(file);
    expect(() => stateFileValue(file, numbers, 'list', [], 'x')).toThrow(`cannot read ${file} (EISDIR): check its permissions, or move it away`);
    expect(existsSync(file)).toBe(true);
  });
});

describe('the cluster layer reads its state files through it', () => {
  it('clusters.json, contexts.json and installed.json, each unusable, are moved aside and said', () => {
    const home = tempDir('mw-state-home-');
    writeFileSync(path.join(home, 'clusters.json'), '{"cluster1": {"apiServer": 6443}}');
    writeFileSync(path.join(home, 'contexts.json'), '{"allowed": "gke_prod"');
    const tools = path.join(home, 'cache', 'tools');
    mkdirSync(tools, { recursive: true });
    writeFileSync(path.join(tools, 'installed.json'), '["kind"]');
    takeStateNotices();
    expect(clusterRecords(home)).toEqual({});
    expect(allowedContexts(home)).toEqual(allowedContexts(tempDir('mw-state-fresh-')));
    expect(toolStatuses(home, currentPlatform()).every((status) => status.from !== 'cache')).toBe(true);
    const notices = takeStateNotices();
    expect(notices.map((notice) => notice.split(' was ')[0])).toEqual([path.join(home, 'clusters.json'), path.join(home, 'contexts.json'), path.join(tools, 'installed.json')]);
    expect(notices[0]).toMatch(/cluster1 has no apiServer.*'mesh-workshop cluster up' records the clusters again\.$/);
    expect(notices[1]).toMatch(/not valid JSON.*'mesh-workshop context allow NAME' allows one again\.$/);
    expect(notices[2]).toMatch(/not a map of tools to versions.*'mesh-workshop tools install' fetches and verifies the tools again\.$/);
    expect(corruptCopies(home, 'clusters.json')).toHaveLength(1);
    expect(corruptCopies(home, 'contexts.json')).toHaveLength(1);
    expect(corruptCopies(tools, 'installed.json')).toHaveLength(1);
  });
});

describe('progress spoilt during a session', () => {
  it('is moved aside before this session saves over it, and said', () => {
    const home = tempDir('mw-state-home-');
    const store = openProgress(home);
    store.saveLesson('tour', { vars: { N: '1' }, steps: {} });
    writeFileSync(path.join(home, PROGRESS_FILE), '{"format": 1, "lessons": {"tour": ');
    takeStateNotices();
    store.saveLesson('tour', { vars: { N: '2' }, steps: {} });
    const [copy] = corruptCopies(home, PROGRESS_FILE);
    expect(readFileSync(path.join(home, copy!), 'utf8')).toBe('{"format": 1, "lessons": {"tour": ');
    expect(openProgress(home).lesson('tour').vars).toEqual({ N: '2' });
    expect(takeStateNotices()).toEqual([expect.stringMatching(/progress\.json was not valid JSON .*; it was kept as .*progress\.json\.corrupt-.*; this session's progress was saved in its place$/)]);
  });
});

describe('the command line', () => {
  it('says at the end of a command which state file it set aside', () => {
    const home = tempDir('mw-state-home-');
    const tools = path.join(home, 'cache', 'tools');
    mkdirSync(tools, { recursive: true });
    writeFileSync(path.join(tools, 'installed.json'), '["x"');
    const result = mw(['tools', 'list'], { home });
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/^mesh-workshop: .*installed\.json was not valid JSON .*; it was kept as .*installed\.json\.corrupt-\S+\. 'mesh-workshop tools install' fetches and verifies the tools again\.$/m);
  });
});
