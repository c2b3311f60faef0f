/** Status marks. Each has its own shape, so pass and fail never rest on colour alone. */
import type { StepState } from './lesson-state.js';

export const STEP_GLYPH: Record<StepState, string> = {
  pending: '○',
  running: '▶',
  passed: '✓',
  failed: '✗',
  skipped: '-',
  cancelled: '■',
};

export const LESSON_GLYPH = { done: '✓', started: '◐', new: '○' } as const;

/** Spinner frames for a check that is still polling (shown only in the full-screen TUI). */
export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
