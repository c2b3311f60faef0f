/** A machine the doctor finds ready for every lesson, for tests to change one fact at a time. */
import type { MachineFacts } from '../../src/cluster/doctor.js';

export const READY_MACHINE: MachineFacts = {
  platform: 'linux',
  docker: { reachable: true, serverVersion: '28.2.2', cpus: 8, memoryBytes: 16 * 1024 ** 3, cgroupVersion: '2' },
  tools: [
    { tool: 'kind', pinned: 'v0.33.0', from: 'cache', using: '/h/cache/tools/bin/kind' },
    { tool: 'istioctl', pinned: '1.31.1', from: 'path', using: '/usr/local/bin/istioctl' },
  ],
  kubectl: 'v1.36.2',
  inotify: { instances: 512, watches: 524288 },
  disk: { path: '/h', freeBytes: 80 * 1024 ** 3 },
  busyPorts: [],
  terminal: { isTTY: true, columns: 120, rows: 40, colours: true },
};
