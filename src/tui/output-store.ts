/**
 * The output pane's data: a bounded tail of lines per step, fed by the engine's `output` events and
 * published to the screen at most every `flushMs` (30–50 ms), so a flood of output costs one render per
 * interval and never delays a key press. Read through useSyncExternalStore (subscribe + snapshot).
 */
import { OutputTail } from '../engine/output-buffers.js';
import type { EngineEvent } from '../engine/events.js';

export interface OutputSnapshot {
  /** Bumped on every publish, so React sees a new snapshot. */
  version: number;
  lines(stepId: string): string[];
  /** Lines the step printed in all, including those no longer kept. */
  seen(stepId: string): number;
}

export interface OutputStore {
  handle(event: EngineEvent): void;
  subscribe(listener: () => void): () => void;
  snapshot(): OutputSnapshot;
  dispose(): void;
}

export const DEFAULT_FLUSH_MS = 40;

export function createOutputStore(options: { capacity?: number; flushMs?: number } = {}): OutputStore {
  const tails = new Map<string, OutputTail>();
  const listeners = new Set<() => void>();
  const flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current = makeSnapshot(0);

  function makeSnapshot(version: number): OutputSnapshot {
    return {
      version,
      lines: (stepId) => tails.get(stepId)?.toArray() ?? [],
      seen: (stepId) => tails.get(stepId)?.seen ?? 0,
    };
  }

  function publish(): void {
    timer = undefined;
    current = makeSnapshot(current.version + 1);
    for (const listener of listeners) listener();
  }

  return {
    handle(event) {
      if (event.type === 'step-started') tails.set(event.stepId, new OutputTail(options.capacity, true));
      if (event.type !== 'output') return;
      let tail = tails.get(event.stepId);
      if (!tail) {
        tail = new OutputTail(options.capacity, true);
        tails.set(event.stepId, tail);
      }
      tail.push(event.text);
      timer ??= setTimeout(publish, flushMs);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => current,
    dispose() {
      if (timer) clearTimeout(timer);
      listeners.clear();
    },
  };
}
