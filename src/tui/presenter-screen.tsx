/**
 * The presenter's screen: draws presenterLines, turns keys into actions through the keymap, runs steps
 * through the step runner and feeds its events to the reducer (src/presenter/presenter-state.ts). Setup
 * steps run first, in one progress line; a failed step's recording plays on R when one was given.
 */
import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import type { EngineEvent } from '../engine/events.js';
import { presenterLines, type ScreenLine } from '../presenter/presenter-lines.js';
import { currentStep, mayPlayRecording, presenterReducer, type PresenterState } from '../presenter/presenter-state.js';
import { actionForKey, splitKeys } from './keymap.js';
import { useTerminalSize } from './use-terminal-size.js';

export const TONE_STYLE: Record<NonNullable<ScreenLine['tone']>, { color?: string; bold?: boolean; dimColor?: boolean; inverse?: boolean }> = {
  title: { bold: true },
  command: { color: 'cyan' },
  passed: { color: 'green' },
  failed: { color: 'red' },
  dim: { dimColor: true },
  marker: { color: 'yellow', bold: true, inverse: true },
};

export function ScreenLines({ lines, height }: { lines: readonly ScreenLine[]; height: number }) {
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {lines.slice(0, height).map((line, index) => (
        <Text key={index} wrap="truncate-end" {...(line.tone ? TONE_STYLE[line.tone] : {})}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}

export interface PresenterDrivers {
  /** Runs one step (setup or lesson) by id, its events to `emit`. */
  runStep(stepId: string, emit: (event: EngineEvent) => void): Promise<void>;
  setupSteps: readonly string[];
  /** Plays a step's recording (its events to `emit`); undefined without --replay. */
  playRecording?: (stepId: string, emit: (event: EngineEvent) => void) => Promise<void>;
  recordingOrigin?: string;
  /** The presenter moved to a step: the notes in another terminal follow. */
  onPosition(stepId: string, index: number, total: number): void;
  stop(): Promise<void>;
}

export function PresenterScreen({ initial, drivers, typingMs }: { initial: PresenterState; drivers: PresenterDrivers; typingMs: number }) {
  const [state, dispatch] = useReducer(presenterReducer, initial);
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  // The key handler and the run effect read the state as it is now, not as it was when they were made.
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  useEffect(() => {
    void (async () => {
      for (const id of drivers.setupSteps) {
        let failed = false;
        await drivers.runStep(id, (event) => {
          if (event.type === 'step-finished' && event.status !== 'passed') failed = true;
          dispatch({ type: 'setup-event', event });
        });
        if (failed) return;
      }
    })();
  }, [drivers]);

  useEffect(() => {
    if (state.phase !== 'typing') return;
    const timer = setInterval(() => dispatch({ type: 'type-char' }), typingMs);
    return () => clearInterval(timer);
  }, [state.phase, typingMs]);

  useEffect(() => {
    const step = currentStep(stateRef.current);
    if (state.runRequest === 0 || !step) return;
    void drivers.runStep(step.id, (event) => dispatch({ type: 'event', event }));
  }, [state.runRequest, drivers]);

  useEffect(() => {
    const step = state.steps[state.index];
    if (step) drivers.onPosition(step.id, state.index, state.steps.length);
  }, [state.index, state.steps, drivers]);

  useInput((input, key) => {
    for (const press of splitKeys({ input, ...key })) {
      const now = stateRef.current;
      const action = actionForKey(press, { screen: 'present', running: now.phase === 'running' || now.phase === 'setup' });
      if (action === 'quit') {
        void drivers.stop().then(() => exit());
      } else if (action === 'present-enter') {
        dispatch({ type: 'enter' });
      } else if (action === 'next-step' || action === 'previous-step') {
        dispatch({ type: 'go', by: action === 'next-step' ? 1 : -1 });
      } else if (action === 'play-recording' && mayPlayRecording(now)) {
        const step = currentStep(now);
        if (!drivers.playRecording || !step) {
          dispatch({ type: 'notice', text: 'No recording to play: start present with --replay DIR (a folder verify --record wrote).' });
        } else {
          dispatch({ type: 'recording-started', origin: drivers.recordingOrigin ?? '' });
          void drivers.playRecording(step.id, (event) => dispatch({ type: 'event', event }));
        }
      }
    }
  });

  return <ScreenLines lines={presenterLines(state, columns, rows, { hasRecordings: drivers.playRecording !== undefined })} height={rows} />;
}
