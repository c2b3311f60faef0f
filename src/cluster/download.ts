/**
 * Fetching a pinned file: streamed to `<name>.partial` while its sha256 is computed, checked against the
 * published checksum, then renamed into place. A mismatch, a cut connection, an HTTP error or a stall
 * stops with a message naming the file and the URL, and leaves no partial file behind.
 */
import { nodeCrypto } from '../lazy-builtins.js';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { UserError } from '../errors.js';
import type { Download } from './versions.js';

export interface FetchOptions {
  /** Give up when no byte arrives for this long (default 30 s). */
  stallMs?: number;
  onProgress?(received: number, total: number | undefined): void;
}

const DEFAULT_STALL_MS = 30_000;

/** A request whose every wait (for headers, for the next chunk) is bounded by `stallMs`. */
async function request(url: string, stallMs: number): Promise<{ response: Response; touch(): void; done(): void }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const touch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new UserError(`no data from ${url} for ${stallMs / 1000} s; the download was stopped (a slow network? try again, or use a mirror with MESH_WORKSHOP_MIRROR)`)), stallMs);
  };
  touch();
  let response: Response;
  try {
    response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
  } catch (error) {
    clearTimeout(timer);
    throw reason(error, controller, `cannot reach ${url}`);
  }
  if (!response.ok) {
    clearTimeout(timer);
    await response.body?.cancel();
    throw new UserError(`${url} answered HTTP ${response.status}${response.status === 404 ? ' (not found: is the version right, or does the mirror lack this file?)' : ''}`);
  }
  return { response, touch, done: () => clearTimeout(timer) };
}

function reason(error: unknown, controller: AbortController, what: string): Error {
  if (controller.signal.aborted && controller.signal.reason instanceof UserError) return controller.signal.reason;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new UserError(`${what}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
}

export async function fetchText(url: string, options: FetchOptions = {}): Promise<string> {
  const { response, done } = await request(url, options.stallMs ?? DEFAULT_STALL_MS);
  try {
    return await response.text();
  } finally {
    done();
  }
}

/** The expected sha256 for `file` in a checksum file: `<hex>  <name>` lines, or one bare hash. */
export function expectedChecksum(text: string, file: string, source: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  for (const line of lines) {
    const [hash, name] = line.split(/\s+\*?/);
    if (hash && /^[0-9a-f]{64}$/i.test(hash) && (name === undefined || path.basename(name) === file)) return hash.toLowerCase();
  }
  throw new UserError(`${source} has no sha256 for ${file}`);
}

/** Downloads `download` into `dir`, verified; returns the file's path. */
export async function fetchVerified(download: Download, dir: string, options: FetchOptions = {}): Promise<string> {
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  const expected = expectedChecksum(await fetchText(download.checksumUrl, { stallMs }), download.file, download.checksumUrl);
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, download.file);
  const partial = `${target}.partial`;
  const { response, touch, done } = await request(download.url, stallMs);
  const total = Number(response.headers.get('content-length')) || undefined;
  const hash = nodeCrypto().createHash('sha256');
  const out = createWriteStream(partial);
  // A write that fails (a full disk) is reported after the loop, not thrown from nowhere.
  let writeError: Error | undefined;
  out.on('error', (error) => {
    writeError ??= error;
  });
  let received = 0;
  try {
    if (!response.body) throw new UserError(`${download.url} sent no body`);
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        touch();
        received += chunk.byteLength;
        hash.update(chunk);
        if (!out.write(chunk)) await once(out, 'drain');
        options.onProgress?.(received, total);
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      if (writeError) throw new UserError(`cannot write ${partial}: ${writeError.message}`);
      const stalled = (error as { name?: string }).name === 'AbortError' || (error as Error).message.includes('aborted');
      if (stalled) throw new UserError(`no data from ${download.url} for ${stallMs / 1000} s; the download was stopped (a slow network? try again, or use a mirror with MESH_WORKSHOP_MIRROR)`);
      throw new UserError(`the download of ${download.file} from ${download.url} ended early, after ${received}${total ? ` of ${total}` : ''} bytes; try again`);
    }
    if (total !== undefined && received !== total) throw new UserError(`the download of ${download.file} from ${download.url} ended early, after ${received} of ${total} bytes; try again`);
    if (writeError) throw new UserError(`cannot write ${partial}: ${writeError.message}`);
    out.end();
    await once(out, 'finish');
    const actual = hash.digest('hex');
    if (actual !== expected) {
      throw new UserError(`checksum mismatch for ${download.file} from ${download.url}: expected sha256 ${expected} (from ${download.checksumUrl}), got ${actual}. The file was removed; nothing was installed.`);
    }
    renameSync(partial, target);
    return target;
  } catch (error) {
    // Closed before it is removed, so no late write brings the partial file back.
    if (!out.closed) {
      // Not once(): writes still queued fail as the stream is destroyed, and that is expected here.
      const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
      out.destroy();
      await closed;
    }
    rmSync(partial, { force: true });
    throw error;
  } finally {
    done();
  }
}
