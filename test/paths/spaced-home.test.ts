// The workshop in a state directory whose path has a space and a non-ASCII letter (`--home
// "…/Application Support/mesh-wörkshop"`), beside a plain one: the engine running steps there, the pinned
// tools' folder on the steps' PATH, ISTIO_DIR, and the built command. The bundled lessons' scripts are
// checked in both homes by test/lessons/context-guard.test.ts and shellcheck.test.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installDownloads, istioRelease, toolsBin } from '../../src/cluster/toolchain.js';
import { currentPlatform, downloadsFor, PINNED, type Download, type ToolName } from '../../src/cluster/versions.js';
import { outputLines, type EngineEvent, type EventOf } from '../../src/engine/events.js';
import { runLesson } from '../../src/engine/run-lesson.js';
import { mw } from '../helpers/cli.js';
import { startFileServer, type FileServer } from '../helpers/file-server.js';
import { freshHome, HOME_KINDS, SPACED_TAIL } from '../helpers/homes.js';
import { CAPTURE_LESSON, HEADER, lessonFromYaml, tempDir, writeLesson } from '../helpers/lessons.js';

const HAS_MAKE = spawnSync('make', ['--version']).status === 0;

/**
 * A two-file Makefile pair built the way Istio's tools/certs one is: the main file finds its companion
 * through `$(dir $(lastword $(MAKEFILE_LIST)))`, which GNU make splits on spaces. A stand-in written
 * here, not Istio's; the targets only write small files.
 */
const MAKEFILES = {
  'Makefile.selfsigned.mk': [
    '.PRECIOUS: %/ca-cert.pem',
    'include $(dir $(lastword $(MAKEFILE_LIST)))common.mk',
    'root-ca: root-cert.pem',
    'root-cert.pem:',
    '\t@echo "$(ROOT_ORG) root" > $@',
    '%-cacerts: %/ca-cert.pem',
    '\t@echo done',
    '%/ca-cert.pem: root-cert.pem',
    '\t@mkdir -p $(dir $@)',
    '\t@cat root-cert.pem > $@',
    '',
  ].join('\n'),
  'common.mk': 'ROOT_ORG ?= Workshop\n',
};

function writeMakefiles(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(MAKEFILES)) writeFileSync(path.join(dir, name), text);
}

async function run(home: string, yaml: string) {
  const events: EngineEvent[] = [];
  const outcome = await runLesson({ lesson: lessonFromYaml(HEADER + yaml), home, emit: (event) => events.push(event), killGraceMs: 200 });
  const of = <T extends EngineEvent['type']>(type: T) => events.filter((event): event is EventOf<T> => event.type === type);
  return { outcome, of, lines: of('output').flatMap(outputLines) };
}

describe('the homes the suite uses', () => {
  it('one of them has a space and a non-ASCII letter in its path', () => {
    expect(freshHome('spaced')).toMatch(/ .*ö/);
    expect(freshHome('spaced').endsWith(SPACED_TAIL)).toBe(true);
    expect(freshHome('plain')).not.toMatch(/[\s\u0080-\uffff]/);
  });
});

describe.each(HOME_KINDS)('the engine in a %s home', (kind) => {
  it('hands steps the home, kubeconfig, scratch folder and tools folder as whole words, and keeps captured values and logs there', async () => {
    const home = freshHome(kind);
    const { outcome, of, lines } = await run(home, `
steps:
  - id: paths
    title: Where things are
    run: |
      printf '%s\\n' "$MESH_WORKSHOP_HOME" "$KUBECONFIG" "$LESSON_TMP" "\${PATH%%:*}"
      echo "note in the scratch folder" > "$LESSON_TMP/note.txt"
      echo "ip=10.10.0.12"
    capture: { IP: { regex: 'ip=(\\S+)' } }
  - id: later
    title: A later step reads both
    run: cat "$LESSON_TMP/note.txt"; echo "calling $IP"; ls "$MESH_WORKSHOP_HOME" | grep -c '^kubeconfig$' || true
    check: { contains: "calling \${IP}" }
`);
    expect(outcome.status).toBe('passed');
    expect(lines.slice(0, 4)).toEqual([home, path.join(home, 'kubeconfig'), path.join(home, 'tmp', 'test'), toolsBin(home)]);
    expect(lines.slice(5, 7)).toEqual(['note in the scratch folder', 'calling 10.10.0.12']);
    expect(outcome.vars).toEqual({ IP: '10.10.0.12' });
    expect(readFileSync(path.join(home, 'tmp', 'test', 'note.txt'), 'utf8')).toBe('note in the scratch folder\n');
    const logs = of('step-finished').map((event) => event.logFile ?? '');
    expect(logs.every((log) => log.startsWith(path.join(home, 'logs', 'test')))).toBe(true);
    expect(readFileSync(logs[1] ?? '', 'utf8')).toContain('calling 10.10.0.12');
  });
});

describe.each(HOME_KINDS)('pinned tools in a %s home', (kind) => {
  let server: FileServer;
  beforeAll(async () => {
    server = await startFileServer();
  });
  afterAll(async () => {
    await server.close();
  });

  /** Serves a generated archive as the pinned download of `tool` for this machine, with its checksum. */
  function serve(tool: ToolName, members: Record<string, { text: string; mode?: number }>): Download {
    const pinned = downloadsFor(currentPlatform()).find((download) => download.tool === tool);
    if (!pinned) throw new Error(`${tool} is not pinned`);
    const dir = tempDir('mw-archive-');
    for (const [name, { text, mode }] of Object.entries(members)) {
      mkdirSync(path.dirname(path.join(dir, 'content', name)), { recursive: true });
      writeFileSync(path.join(dir, 'content', name), text, { mode: mode ?? 0o644 });
    }
    execFileSync('tar', ['-czf', path.join(dir, pinned.file), '-C', path.join(dir, 'content'), ...readdirSync(path.join(dir, 'content'))]);
    const archive = readFileSync(path.join(dir, pinned.file));
    server.set(`/${kind}/${pinned.file}`, archive);
    server.set(`/${kind}/${pinned.file}.sha256`, `${createHash('sha256').update(archive).digest('hex')} ${pinned.file}\n`);
    return { ...pinned, url: `${server.url}/${kind}/${pinned.file}`, checksumUrl: `${server.url}/${kind}/${pinned.file}.sha256` };
  }

  it('installs into the tools folder there, steps find the program first on PATH, and `tools list` names it', async () => {
    const home = freshHome(kind);
    // A stand-in istioctl that prints the pinned version, as the release's does.
    const download = serve('istioctl', { istioctl: { text: `#!/bin/sh\necho "client version: ${PINNED.istio}"\n`, mode: 0o755 } });
    const [placed] = await installDownloads(home, [download]);
    expect(placed).toBe(path.join(toolsBin(home), 'istioctl'));
    const { outcome, lines } = await run(home, `
steps:
  - id: which
    title: Which istioctl
    run: command -v istioctl; istioctl version
`);
    expect(outcome.status).toBe('passed');
    expect(lines).toEqual([placed, `client version: ${PINNED.istio}`]);
    const listed = mw(['--home', home, 'tools', 'list']);
    expect(listed.status).toBe(0);
    expect(listed.stdout.split('\n').find((line) => line.startsWith('istioctl '))).toBe(`${'istioctl'.padEnd(20)} ${PINNED.istio.padEnd(9)} ${placed ?? ''} (from the workshop cache)`);
  });

  it.runIf(HAS_MAKE)("unpacks the release tree there as ISTIO_DIR, and the lessons' way of running its certificate Makefile works", async () => {
    const home = freshHome(kind);
    // A generated archive holding only the stand-in Makefile pair where the release keeps tools/certs: it
    // exercises the unpacking and the paths, and says nothing about a real Istio release.
    const top = `istio-${PINNED.istio}`;
    const download = serve('istio-release', Object.fromEntries(Object.entries(MAKEFILES).map(([name, text]) => [`${top}/tools/certs/${name}`, { text }])));
    const [placed] = await installDownloads(home, [download]);
    expect(placed).toBe(istioRelease(home, PINNED.istio));
    const { outcome, lines, of } = await run(home, `
steps:
  - id: certs
    title: Root and intermediate certificates
    run: |
      mkdir -p "$LESSON_TMP/certs" && cd "$LESSON_TMP/certs"
      cp "$ISTIO_DIR/tools/certs/Makefile.selfsigned.mk" "$ISTIO_DIR/tools/certs/common.mk" .
      make -f Makefile.selfsigned.mk root-ca cluster1-cacerts
      cat cluster1/ca-cert.pem
`);
    expect(of('step-finished')[0]?.reason).toBeUndefined();
    expect(outcome.status).toBe('passed');
    expect(lines).toEqual(['done', 'Workshop root']);
    expect(existsSync(path.join(home, 'tmp', 'test', 'certs', 'cluster1', 'ca-cert.pem'))).toBe(true);
    // The earlier form, naming the Makefile where it lies: fine in a plain home, broken by the space.
    const named = await run(home, `
steps:
  - id: certs
    title: Root certificate, the Makefile named by its path
    run: mkdir -p "$LESSON_TMP/named" && cd "$LESSON_TMP/named" && make -f "$ISTIO_DIR/tools/certs/Makefile.selfsigned.mk" root-ca
`);
    expect(named.outcome.status).toBe(kind === 'plain' ? 'passed' : 'failed');
  });
});

describe.runIf(HAS_MAKE)("GNU make and a Makefile pair that finds its companion through MAKEFILE_LIST (why the lessons copy Istio's)", () => {
  const makeIn = (cwd: string, makefile: string) => spawnSync('make', ['-f', makefile, 'root-ca', 'cluster1-cacerts'], { cwd, encoding: 'utf8' });

  it('works with -f naming it by a path without spaces', () => {
    const release = path.join(tempDir('mw-make-'), 'certs');
    writeMakefiles(release);
    const work = tempDir('mw-work-');
    const result = makeIn(work, path.join(release, 'Makefile.selfsigned.mk'));
    expect(result.stderr).toBe('');
    expect(readFileSync(path.join(work, 'cluster1', 'ca-cert.pem'), 'utf8')).toBe('Workshop root\n');
  });

  it('fails with -f naming it by a path with a space: make splits the path and looks for the companion in the wrong place', () => {
    const release = path.join(tempDir('mw-make-'), SPACED_TAIL, 'tools', 'certs');
    writeMakefiles(release);
    const work = tempDir('mw-work-');
    const result = makeIn(work, path.join(release, 'Makefile.selfsigned.mk'));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/wörkshop\/tools\/certs\/common\.mk: No such file or directory/);
    expect(existsSync(path.join(work, 'root-cert.pem'))).toBe(false);
  });

  it('works when both files are copied into the work folder and run from there, even a work folder whose path has a space', () => {
    const release = path.join(tempDir('mw-make-'), SPACED_TAIL, 'tools', 'certs');
    writeMakefiles(release);
    const work = path.join(tempDir('mw-make-'), SPACED_TAIL, 'tmp', 'certs');
    mkdirSync(work, { recursive: true });
    execFileSync('cp', [path.join(release, 'Makefile.selfsigned.mk'), path.join(release, 'common.mk'), '.'], { cwd: work });
    const result = makeIn(work, 'Makefile.selfsigned.mk');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(work, 'cluster1', 'ca-cert.pem'), 'utf8')).toBe('Workshop root\n');
  });
});

describe.each(HOME_KINDS)('the built command with --home set to a %s path', (kind) => {
  it('run tour --yes passes, and its progress and logs are kept there', () => {
    const home = freshHome(kind);
    // MESH_WORKSHOP_HOME points elsewhere: --home wins.
    const elsewhere = tempDir('mw-cli-home-');
    const { status, stdout, stderr } = mw(['--home', home, 'run', 'tour', '--yes'], { home: elsewhere });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^PASSED: 8 passed, 0 failed, 1 skipped in /m);
    expect(JSON.parse(readFileSync(path.join(home, 'progress.json'), 'utf8'))).toMatchObject({ lessons: { tour: {} } });
    expect(readdirSync(path.join(home, 'logs', 'tour'))).toHaveLength(1);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('saves a captured value there, and a later --from run reads it back', () => {
    const home = freshHome(kind);
    const pack = tempDir('mw-pack-');
    writeLesson(pack, '01-test', CAPTURE_LESSON);
    expect(mw(['--home', home, '--lessons', pack, 'run', 'test', '--yes', '--to', 'make']).status).toBe(0);
    expect(readFileSync(path.join(home, 'progress.json'), 'utf8')).toContain('10.10.0.12');
    const later = mw(['--home', home, '--lessons', pack, 'run', 'test', '--yes', '--from', 'use']);
    expect(later.stdout).toMatch(/^PASSED: 1 passed/m);
    expect(later.status).toBe(0);
  });
});
