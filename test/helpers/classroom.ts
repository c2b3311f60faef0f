/** Talking to a classroom server as a learner or as the instructor's page would, in tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LearnerEvent } from '../../src/classroom/protocol.js';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BIN } from './cli.js';
import { tempDir } from './lessons.js';

export interface Posted {
  status: number;
  body: unknown;
}

let eventCounter = 0;

/** A learner event with a fresh id, dated now. */
export function learnerEvent(body: Record<string, unknown> & { kind: string }, at = Date.now()): LearnerEvent {
  eventCounter++;
  return { ...body, id: `e${eventCounter}`, at } as LearnerEvent;
}

export async function postEvents(url: string, code: string, learner: { id: string; name: string }, events: LearnerEvent[]): Promise<Posted> {
  const response = await fetch(`${url}/learner/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-classroom-code': code, 'x-classroom-learner': learner.id },
    body: JSON.stringify({ learner, sentAt: Date.now(), events }),
  });
  return { status: response.status, body: await response.json() };
}

/** Reads the page's event stream until `until` says it has what it waits for; returns every message. */
export async function readStream(url: string, key: string, until: (messages: { event: string; data: unknown }[]) => boolean, timeoutMs = 5000): Promise<{ event: string; data: unknown }[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const messages: { event: string; data: unknown }[] = [];
  try {
    const response = await fetch(`${url}/instructor/stream?key=${encodeURIComponent(key)}`, { signal: controller.signal });
    if (!response.body) throw new Error('no body');
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) messages.push({ event, data: JSON.parse(data) as unknown });
      }
      if (until(messages)) return messages;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  throw new Error(`the stream did not bring what was awaited in ${timeoutMs} ms; it brought ${JSON.stringify(messages).slice(0, 500)}`);
}


/**
 * The browser the page tests drive through playwright-core: Debian's chromium (.ci/run installs it), or the
 * one $CHROMIUM names (GitHub's runners come with Google Chrome instead: .github/workflows/ci.yml).
 */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/** The flags the page tests start Chromium with: headless, and nothing that reaches beyond loopback. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium with a fresh profile (--user-data-dir, which playwright-core sets from `userDataDir`) and one page. */
export async function openChromium(userDataDir: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

export interface ServedRoom {
  process: ChildProcess;
  url: string;
  code: string;
  page: string;
  key: string;
  output(): string;
}

/** `mesh-workshop classroom serve` as a real process; resolves once it has printed where it is. */
export function serveRoom(dataDir: string, extra: string[] = [], port = '0'): Promise<ServedRoom> {
  const child = spawn(process.execPath, [BIN, 'classroom', 'serve', '--port', port, '--data', dataDir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the classroom server did not start: ${out}`)), 15_000);
    child.on('exit', (code) => reject(new Error(`the classroom server ended (${code}): ${out}`)));
    child.stdout.on('data', () => {
      const page = /Instructor page.*?: (http:\/\/\S+)/.exec(out)?.[1];
      const code = /Join code: (\S+)/.exec(out)?.[1];
      if (!page || !code || !out.includes('Event log:')) return;
      clearTimeout(timer);
      const url = new URL(page).origin;
      resolve({ process: child, url, code, page, key: new URLSearchParams(new URL(page).hash.slice(1)).get('key') ?? '', output: () => out });
    });
  });
}

/** Runs the built CLI as a learner would, without waiting; resolves with its exit code and output. */
export function learnerRun(args: string[], home: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, MESH_WORKSHOP_HOME: home, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** The tour with its first step's output changed, so its `matches` check fails: a failure to share. */
export function brokenTourPack(): string {
  const pack = tempDir('mw-broken-tour-');
  cpSync('lessons/00-tour', path.join(pack, '00-tour'), { recursive: true });
  const file = path.join(pack, '00-tour', 'lesson.yaml');
  const yaml = readFileSync(file, 'utf8');
  const changed = yaml.replace('    run: echo "Hello from the mesh-workshop runner on $(uname -s)"', '    run: echo "Goodbye from the runner"');
  if (changed === yaml) throw new Error('the tour changed: its first step is not where this test expects it');
  writeFileSync(file, changed);
  return pack;
}

