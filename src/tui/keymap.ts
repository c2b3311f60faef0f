/**
 * The one keymap: every key the workshop answers, what it does, and when. Components never bind keys
 * themselves; the app turns a key press into an action here and dispatches it. `?` lists these entries.
 */
export interface KeyPress {
  input: string;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
}

/**
 * `complete`: the lesson-complete view, over the lesson once all its steps are done. `present`: the
 * presenter's screen (mesh-workshop present), `notes` its speaker notes in a second terminal, `player` a
 * recording played (mesh-workshop replay).
 */
export type Screen = 'home' | 'lesson' | 'complete' | 'present' | 'notes' | 'player';

export interface KeyContext {
  screen: Screen;
  /** A step is running. */
  running: boolean;
  /** The learner has joined a classroom (--classroom): its keys apply. */
  classroom?: boolean;
}

export type KeyAction =
  | 'run-step'
  | 'rerun-step'
  | 'skip-step'
  | 'open-shell'
  | 'edit-file'
  | 'apply-file'
  | 'do-it-for-me'
  | 'cancel-step'
  | 'show-hint'
  | 'copy-command'
  | 'toggle-view'
  | 'toggle-diagram'
  | 'toggle-topology'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-up'
  | 'page-down'
  | 'scroll-top'
  | 'follow-tail'
  | 'text-up'
  | 'text-down'
  | 'toggle-wrap'
  | 'scroll-left'
  | 'scroll-right'
  | 'next-step'
  | 'previous-step'
  | 'back-to-lessons'
  | 'open-next-lesson'
  | 'back-to-lesson'
  | 'open-lesson'
  | 'select-up'
  | 'select-down'
  | 'reset-lesson'
  | 'show-help'
  | 'present-enter'
  | 'play-recording'
  | 'player-next'
  | 'toggle-pause'
  | 'seek-back'
  | 'seek-forward'
  | 'raise-hand'
  | 'share-failure'
  | 'join-classroom'
  | 'quit';

export interface KeyBinding {
  keys: string;
  action: KeyAction;
  what: string;
  screens: Screen[];
  matches(key: KeyPress): boolean;
  /** Whether it applies while a step runs (undefined: always). */
  whileRunning?: boolean;
  /** Only in a classroom. */
  classroom?: boolean;
}

const char = (c: string) => (key: KeyPress) => key.input === c && !key.ctrl;

export const KEYMAP: readonly KeyBinding[] = [
  { keys: 'Enter', action: 'open-lesson', what: 'open the selected lesson', screens: ['home'], matches: (k) => k.return === true },
  { keys: '↑ ↓', action: 'select-up', what: 'choose a lesson', screens: ['home'], matches: (k) => k.upArrow === true },
  { keys: '↓', action: 'select-down', what: 'choose a lesson', screens: ['home'], matches: (k) => k.downArrow === true },
  { keys: 'Enter', action: 'run-step', what: 'run the step, or check a task (or go on after a pass)', screens: ['lesson'], matches: (k) => k.return === true, whileRunning: false },
  { keys: 'r', action: 'rerun-step', what: 'run the step again', screens: ['lesson'], matches: char('r'), whileRunning: false },
  { keys: 's', action: 'open-shell', what: 'a shell with the workshop set up (exit: back, and a task is checked)', screens: ['lesson'], matches: char('s'), whileRunning: false },
  { keys: 'e', action: 'edit-file', what: "a task's file in your editor, checked when you close it", screens: ['lesson'], matches: char('e'), whileRunning: false },
  { keys: 'a', action: 'apply-file', what: "apply a task's file for you, then check", screens: ['lesson'], matches: char('a'), whileRunning: false },
  { keys: 'f', action: 'do-it-for-me', what: 'do the task for me (asks first; counts as done with help)', screens: ['lesson'], matches: char('f'), whileRunning: false },
  { keys: 'k', action: 'skip-step', what: 'skip the step (asks first)', screens: ['lesson'], matches: char('k'), whileRunning: false },
  { keys: 'Esc / Ctrl-C', action: 'cancel-step', what: 'stop the running step and all it started', screens: ['lesson'], matches: (k) => k.escape === true || (k.ctrl === true && k.input === 'c'), whileRunning: true },
  { keys: 'h', action: 'show-hint', what: 'next hint; after the last, the solution', screens: ['lesson'], matches: char('h') },
  { keys: 'c', action: 'copy-command', what: "copy the step's command", screens: ['lesson'], matches: char('c') },
  { keys: 'd', action: 'toggle-diagram', what: "the step's diagram, or back to its output", screens: ['lesson'], matches: char('d') },
  { keys: 't', action: 'toggle-topology', what: 'your clusters now, drawn (reads them with kubectl)', screens: ['lesson'], matches: char('t') },
  { keys: 'v', action: 'toggle-view', what: "the step's table or diff, or its raw output", screens: ['lesson'], matches: char('v') },
  { keys: '↑ ↓', action: 'scroll-up', what: 'scroll the output', screens: ['lesson'], matches: (k) => k.upArrow === true },
  { keys: '↓', action: 'scroll-down', what: 'scroll the output', screens: ['lesson'], matches: (k) => k.downArrow === true },
  { keys: 'PgUp PgDn', action: 'page-up', what: 'scroll the output a page', screens: ['lesson'], matches: (k) => k.pageUp === true },
  { keys: 'PgDn', action: 'page-down', what: 'scroll the output a page', screens: ['lesson'], matches: (k) => k.pageDown === true },
  { keys: 'Home', action: 'scroll-top', what: 'the first output line', screens: ['lesson'], matches: (k) => k.home === true },
  { keys: 'End', action: 'follow-tail', what: 'follow the newest output', screens: ['lesson'], matches: (k) => k.end === true },
  { keys: 'w', action: 'toggle-wrap', what: 'wrap long output lines, or cut them at the pane', screens: ['lesson'], matches: char('w') },
  { keys: '← →', action: 'scroll-left', what: 'scroll long output lines sideways', screens: ['lesson'], matches: (k) => k.leftArrow === true },
  { keys: '→', action: 'scroll-right', what: 'scroll long output lines sideways', screens: ['lesson'], matches: (k) => k.rightArrow === true },
  { keys: '[ ]', action: 'text-up', what: "scroll the step's text up / down", screens: ['lesson'], matches: char('[') },
  { keys: ']', action: 'text-down', what: "scroll the step's text up / down", screens: ['lesson'], matches: char(']') },
  { keys: 'n / p', action: 'next-step', what: 'next / previous step', screens: ['lesson', 'present'], matches: char('n'), whileRunning: false },
  { keys: 'p', action: 'previous-step', what: 'next / previous step', screens: ['lesson', 'present'], matches: char('p'), whileRunning: false },
  { keys: 'Enter', action: 'present-enter', what: 'type the command out (again: at once), run it; then the next step', screens: ['present'], matches: (k) => k.return === true },
  { keys: 'R', action: 'play-recording', what: "a failed step: play its recording (present --replay DIR)", screens: ['present'], matches: char('R'), whileRunning: false },
  { keys: 'Enter', action: 'player-next', what: 'play the next step', screens: ['player'], matches: (k) => k.return === true },
  { keys: 'Space', action: 'toggle-pause', what: 'pause, or play on', screens: ['player'], matches: char(' ') },
  { keys: '← →', action: 'seek-back', what: 'seek 5 seconds back / on', screens: ['player'], matches: (k) => k.leftArrow === true },
  { keys: '→', action: 'seek-forward', what: 'seek 5 seconds back / on', screens: ['player'], matches: (k) => k.rightArrow === true },
  { keys: 'Enter', action: 'open-next-lesson', what: 'open the next lesson', screens: ['complete'], matches: (k) => k.return === true },
  { keys: 'Esc', action: 'back-to-lesson', what: 'back to the lesson just done', screens: ['complete'], matches: (k) => k.escape === true },
  { keys: 'Tab / l', action: 'back-to-lessons', what: 'back to the lesson list', screens: ['lesson', 'complete'], matches: (k) => k.tab === true || char('l')(k), whileRunning: false },
  { keys: 'x', action: 'reset-lesson', what: "forget this lesson's progress (asks first)", screens: ['lesson'], matches: char('x'), whileRunning: false },
  { keys: 'j', action: 'join-classroom', what: "join the instructor's classroom (asks for its address, code and your name), or leave it", screens: ['home', 'lesson', 'complete'], matches: char('j') },
  { keys: '!', action: 'raise-hand', what: 'classroom: raise your hand for the instructor, or lower it', screens: ['home', 'lesson', 'complete'], matches: char('!'), classroom: true },
  { keys: 'i', action: 'share-failure', what: "classroom: share this failure with the instructor (the check's texts and the output)", screens: ['lesson'], matches: char('i'), classroom: true },
  { keys: '?', action: 'show-help', what: 'these keys', screens: ['home', 'lesson', 'complete'], matches: char('?') },
  { keys: 'q', action: 'quit', what: 'quit (asks while a step runs)', screens: ['home', 'lesson', 'complete', 'present', 'notes', 'player'], matches: (k) => char('q')(k) || (k.ctrl === true && k.input === 'c') },
];

/** The action for a key press in this context, if any. The first binding that applies wins. */
export function actionForKey(key: KeyPress, context: KeyContext): KeyAction | undefined {
  for (const binding of KEYMAP) {
    if (!binding.screens.includes(context.screen)) continue;
    if (binding.whileRunning !== undefined && binding.whileRunning !== context.running) continue;
    if (binding.classroom && !context.classroom) continue;
    if (binding.matches(key)) return binding.action;
  }
  return undefined;
}

/** The `?` overlay's lines: one per distinct key description on this screen. */
export function helpLines(screen: Screen, classroom = false): string[] {
  const seen = new Set<string>();
  return KEYMAP.filter((binding) => binding.screens.includes(screen) && (classroom || !binding.classroom))
    .filter((binding) => !seen.has(binding.what) && seen.add(binding.what))
    .map((binding) => `${binding.keys.padEnd(14)} ${binding.what}`);
}

/**
 * Ink 6 hands several keys that arrive in one read (fast typing, a paste, `tmux send-keys a b`) over as
 * one input string; split them so each key counts. Escape sequences stay whole.
 */
export function splitKeys(key: KeyPress): KeyPress[] {
  const { input } = key;
  if (input.length <= 1 || input.includes('\u001b')) return [key];
  return [...input].map((char): KeyPress => {
    if (char === '\r' || char === '\n') return { input: '', return: true };
    if (char === '\t') return { input: '', tab: true };
    return { input: char };
  });
}
