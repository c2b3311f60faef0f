/** A loopback HTTP server for download tests: serves files, or misbehaves on purpose (cut, stall, 404). */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';

export type Behaviour = 'ok' | 'truncate' | 'stall';

export interface FileServer {
  url: string;
  /** Every path requested, in order. */
  requests: string[];
  set(path: string, body: Buffer | string, behaviour?: Behaviour): void;
  close(): Promise<void>;
}

export async function startFileServer(): Promise<FileServer> {
  const files = new Map<string, { body: Buffer; behaviour: Behaviour }>();
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const file = files.get(path);
    if (!file) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-length': String(file.body.length), 'content-type': 'application/octet-stream' });
    if (file.behaviour === 'ok') response.end(file.body);
    else if (file.behaviour === 'truncate') {
      // Half the promised bytes, then the connection is cut.
      response.write(file.body.subarray(0, Math.floor(file.body.length / 2)), () => response.socket?.destroy());
    } else {
      // A few bytes, then nothing more (the socket stays open until the client gives up).
      response.write(file.body.subarray(0, 16));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set(path, body, behaviour = 'ok') {
      files.set(path, { body: Buffer.isBuffer(body) ? body : Buffer.from(body), behaviour });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh server for each test of the calling file, closed after it: read it through the getter. */
export function serverPerTest(): () => FileServer {
  let server: FileServer | undefined;
  beforeEach(async () => {
    server = await startFileServer();
  });
  afterEach(async () => {
    await server?.close();
  });
  return () => server!;
}

/** What checksum files publish for a download. */
export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
