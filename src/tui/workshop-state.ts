/**
 * The workshop screen's state and what changes it: which screen, the lesson list's selection, the open
 * lesson (lesson-state.ts), the overlays (keys, a yes/no question, a quiz, a command shown for copying),
 * what the output pane shows and how far it is scrolled, and the status line's message. Pure: a key
 * becomes an action in the keymap, and applying it here gives the next state and the effects the app
 * carries out (run a step, open a lesson, quit…), described as data. No Ink, no I/O.
 */
import { checkedJoin, FIELD_LABELS, type ClassroomJoin } from '../classroom/join-details.js';
import type { Diagram } from '../diagrams/schema.js';
import type { EngineEvent } from '../engine/events.js';
import type { Quiz } from '../lesson/schema.js';
import { actionForKey, type KeyAction, type KeyPress, type Screen } from './keymap.js';
import { lessonComplete } from './lesson-complete-lines.js';
import { hintsExhausted, initialLessonState, lessonReducer, selectedStep, type LessonScreenState } from './lesson-state.js';
import { scrollsPicture, type PaneState } from './output-pane-lines.js';
import { finishedMessage, quizVerdictMessage } from './status-line.js';

/** A context of the learner's own asked for with --allow-context, and the file it would come from. */
export interface ContextToAllow {
  name: string;
  from: string;
}

/** What yes to a question does. */
export type OnYes =
  | { type: 'quit' }
  | { type: 'skip-step'; stepId: string }
  | { type: 'show-solution' }
  | { type: 'solve-task'; stepId: string }
  | { type: 'reset-lesson'; lessonId: string; title: string }
  | { type: 'allow-context'; name: string }
  | { type: 'leave-classroom' };

export interface Question {
  question: string;
  onYes: OnYes;
}

export interface WorkshopState extends PaneState {
  screen: Screen;
  /** The selected row of the lesson list. */
  homeSelected: number;
  /** The status line's message; empty: the screen's keys. */
  message: string;
  /** A yes/no question in the status line: the next key answers it. */
  confirm?: Question | undefined;
  /** --allow-context questions still to ask, one at a time, each after a yes to the one before. */
  contextsToAsk: readonly ContextToAllow[];
  /** ?: the keys, over the screen. */
  help: boolean;
  /** A command shown alone, for selecting with the mouse where the clipboard request may not arrive. */
  shownCommand?: string | undefined;
  /**
   * A quiz question waiting for the learner's number, as the learner sees it: its choices in their order and
   * its answer key the shown number of the right one (the session translates back to the author's numbers).
   */
  quiz?: Quiz | undefined;
  /** The choices tried for the waiting question that are not its answer: it stays, marked, for another try. */
  quizWrong?: readonly number[] | undefined;
  /** How far the step's text is scrolled down ([ and ]). */
  textTop: number;
  /** The quiz step just answered: its verdict stays in the status line when the step finishes. */
  quizAnswered?: string | undefined;
  /** The step the learner has just said yes to skipping, until the runner says it is skipped. */
  skipping?: string | undefined;
  /** In a classroom (--classroom): whether the learner's hand is up. Absent: not in one. */
  classroom?: { handRaised: boolean } | undefined;
  /** j: the classroom's address, code and the learner's name being typed, in the status line. */
  joinForm?: JoinForm | undefined;
}

export interface JoinForm {
  /** The field being typed: 0 the address, 1 the code, 2 the name. */
  field: 0 | 1 | 2;
  values: readonly [string, string, string];
  /** What was wrong with the last try. */
  problem?: string | undefined;
}


/** What the app does for the state; each is carried out after the state has changed. */
export type WorkshopEffect =
  | { type: 'open-lesson'; id: string }
  | { type: 'run-step'; stepId: string; task?: 'check' | 'apply' | 'solve' }
  /** The workshop shell on the terminal; back from it, a task is checked. */
  | { type: 'open-shell'; stepId: string }
  /** A task's file in the learner's editor, checked when it closes. */
  | { type: 'edit-file'; stepId: string }
  /** The learner's file against the task's reference, at the solution level of help. */
  | { type: 'compare-with-reference'; stepId: string }
  | { type: 'skip-step'; stepId: string }
  | { type: 'cancel-step' }
  | { type: 'answer-quiz'; choice: number | undefined }
  | { type: 'copy-command'; command: string; showWhole?: boolean }
  | { type: 'read-topology' }
  | { type: 'reset-lesson'; lessonId: string; title: string }
  | { type: 'allow-context'; name: string }
  /** Classroom: the hand raised or lowered, this failure shared, a hint or the solution taken. */
  | { type: 'classroom-hand'; raised: boolean }
  | { type: 'classroom-share' }
  | { type: 'classroom-help'; stepId: string; level: number | 'solution' }
  | { type: 'classroom-join'; join: ClassroomJoin }
  | { type: 'classroom-leave' }
  | { type: 'quit' };

/** What the screen shows that the state does not hold, as a key needs it. */
export interface ScreenFacts {
  /** The lesson list's ids, in order. */
  lessonIds: readonly string[];
  /** How many lines of a step's output are kept (the pane can scroll back over those). */
  outputLines(stepId: string): number;
  /** The output pane's height: a page is one line less, so a line of the last view stays in sight. */
  paneHeight: number;
  /** The step text's height on the screen, and how many lines it has (it scrolls a page at a time). */
  textHeight?: number;
  textLines?: number;
  /** The command preview is cut: c shows the command whole as well as copying it. */
  commandCut?: boolean;
}

export type WorkshopAction =
  | { type: 'key'; press: KeyPress; facts: ScreenFacts }
  | { type: 'engine'; event: EngineEvent }
  | { type: 'quiz-asked'; quiz: Quiz }
  | { type: 'lesson-opened'; lesson: LessonScreenState; welcome: string }
  | { type: 'lesson-shown' }
  | { type: 'say'; message: string }
  | { type: 'command-copied'; message: string; show?: string | undefined }
  /** Back from the workshop shell: what was typed there (or why it did not start). */
  | { type: 'shell-closed'; stepId: string; commands: readonly string[]; error?: string | undefined; breach?: string | undefined }
  /** What the workshop found in a task's file: after the editor, or against the reference. */
  | { type: 'file-notes'; stepId: string; lines: readonly string[]; message: string }
  | { type: 'topology-read'; topology: Diagram };

export interface WorkshopUpdate {
  state: WorkshopState;
  effects: WorkshopEffect[];
}

export function initialWorkshopState(options: { lesson?: LessonScreenState; homeSelected: number; message: string; contextsToAllow?: readonly ContextToAllow[]; classroom?: boolean }): WorkshopState {
  const state: WorkshopState = {
    screen: options.lesson ? 'lesson' : 'home',
    homeSelected: options.homeSelected,
    lesson: options.lesson ?? initialLessonState('', '', []),
    message: options.message,
    contextsToAsk: [],
    help: false,
    textTop: 0,
    scrollBack: 0,
    wrapOutput: false,
    outputLeft: 0,
    pictureTop: 0,
    rawOutput: false,
    showDiagram: false,
    showTopology: false,
    ...(options.classroom ? { classroom: { handRaised: false } } : {}),
  };
  return askNextContext(state, options.contextsToAllow ?? []);
}

/** --allow-context: never silently; one question per context, on the screen, before anything runs. */
function askNextContext(state: WorkshopState, contexts: readonly ContextToAllow[]): WorkshopState {
  const [next, ...rest] = contexts;
  if (!next) return { ...state, contextsToAsk: [] };
  const question = `Use your context '${next.name}' here? It is copied from ${next.from} into the workshop's kubeconfig.`;
  return { ...state, confirm: { question, onYes: { type: 'allow-context', name: next.name } }, contextsToAsk: rest };
}

const only = (state: WorkshopState, ...effects: WorkshopEffect[]): WorkshopUpdate => ({ state, effects });

/** A new step or a switched view starts as a learner expects: the output at its tail, a picture at its top. */
const fromStart = (state: WorkshopState): WorkshopState => ({ ...state, scrollBack: 0, pictureTop: 0, outputLeft: 0 });

/** Another step selected: shown from its start, and the status line no longer speaks of the step left. */
const onStep = (state: WorkshopState): WorkshopState => ({ ...fromStart(state), textTop: 0, message: '' });

/** How far ← and → scroll the output sideways. */
const SIDEWAYS = 20;

export function workshopReducer(state: WorkshopState, action: WorkshopAction): WorkshopUpdate {
  switch (action.type) {
    case 'key':
      return onKey(state, action.press, action.facts);
    case 'engine':
      return only(onEngineEvent(state, action.event));
    case 'quiz-asked':
      return only({ ...state, quiz: action.quiz, quizWrong: [] });
    case 'lesson-opened':
      return only({ ...state, lesson: action.lesson, screen: 'lesson', scrollBack: 0, message: action.welcome });
    case 'lesson-shown':
      return only({ ...state, screen: 'lesson' });
    case 'say':
      return only({ ...state, message: action.message });
    case 'command-copied':
      return only({ ...state, shownCommand: action.show, message: action.message });
    case 'shell-closed':
      return backFromShell(state, action);
    case 'file-notes':
      return only({ ...state, lesson: lessonReducer(state.lesson, { type: 'file-notes', stepId: action.stepId, lines: action.lines }), message: action.message });
    case 'topology-read':
      return only({ ...state, topology: action.topology, showTopology: true, pictureTop: 0, message: 'Your clusters now. t: back' });
  }
}

function onEngineEvent(state: WorkshopState, event: EngineEvent): WorkshopState {
  // Output goes to the output store, not here: a flood must not re-run the reducer (or render) per line.
  if (event.type === 'output') return state;
  const next = { ...state, lesson: lessonReducer(state.lesson, event) };
  if (event.type === 'quiz-answered') {
    // The step list holds the question in the learner's order: the verdict names the number they saw.
    const shown = state.lesson.steps.find((step) => step.id === event.stepId)?.quiz;
    return { ...next, message: quizVerdictMessage(event, shown), quizAnswered: event.stepId };
  }
  if (event.type !== 'step-finished') return next;
  // The learner has just said yes to skipping it, and the list shows it: the status line stays as it was.
  // A quiz's verdict and explanation stay too: the step list shows passed or failed already.
  const kept = state.skipping === event.stepId || state.quizAnswered === event.stepId;
  // The step that completes the lesson says so, and which key shows how it went and what comes next.
  const completes = event.status === 'passed' && !lessonComplete(state.lesson) && lessonComplete(next.lesson);
  const task = next.lesson.steps.find((step) => step.id === event.stepId)?.task !== undefined;
  const message = kept ? state.message : completes ? '✓ Passed, and the lesson is complete. Enter: how it went and what comes next' : finishedMessage(event.status, task ? (event.doneBy ?? 'learner-to-do') : undefined);
  return { ...next, message, quizAnswered: undefined, skipping: undefined };
}

/** A key: an open overlay takes it first; otherwise the keymap says what it does on this screen. */
function onKey(state: WorkshopState, press: KeyPress, facts: ScreenFacts): WorkshopUpdate {
  if (state.joinForm) return onJoinFormKey(state, state.joinForm, press);
  if (state.quiz) {
    const choice = Number(press.input);
    if (press.escape) return only({ ...state, quiz: undefined, quizWrong: undefined }, { type: 'answer-quiz', choice: undefined });
    if (!Number.isInteger(choice) || choice < 1 || choice > state.quiz.choices.length) return only(state);
    // A wrong choice is marked and the question stays: the learner tries again (or leaves it with Esc).
    if (choice !== state.quiz.answer) return only({ ...state, quizWrong: [...new Set([...(state.quizWrong ?? []), choice])], message: '' });
    return only({ ...state, quiz: undefined, quizWrong: undefined }, { type: 'answer-quiz', choice });
  }
  if (state.confirm) {
    const answered = { ...state, confirm: undefined };
    // Any key but y is a no; a no to one --allow-context question asks no more of them.
    if (press.input !== 'y' && press.input !== 'Y') return only({ ...answered, contextsToAsk: [] });
    return onYes(answered, state.confirm.onYes);
  }
  if (state.help) return only({ ...state, help: false });
  if (state.shownCommand !== undefined) return only({ ...state, shownCommand: undefined, message: '' });
  const action = actionForKey(press, { screen: state.screen, running: state.lesson.running, classroom: state.classroom !== undefined });
  return action ? onKeyAction(state, action, facts) : only(state);
}

/** A key in the join form: typed into the field, Backspace, Enter to the next field (the last joins), Esc leaves it. */
function onJoinFormKey(state: WorkshopState, form: JoinForm, press: KeyPress): WorkshopUpdate {
  if (press.escape) return only({ ...state, joinForm: undefined, message: '' });
  const values = [...form.values] as [string, string, string];
  if (press.backspace || press.delete) {
    values[form.field] = values[form.field].slice(0, -1);
    return only({ ...state, joinForm: { ...form, values } });
  }
  if (press.return) {
    if (form.field < 2) return only({ ...state, joinForm: { ...form, field: (form.field + 1) as 1 | 2, problem: undefined } });
    const join = checkedJoin(values[0], values[1], values[2], FIELD_LABELS);
    if (typeof join === 'string') {
      // Back to the field that is wrong, its text kept for mending.
      const field = join.startsWith(FIELD_LABELS.url) ? 0 : join.startsWith(FIELD_LABELS.code) ? 1 : 2;
      return only({ ...state, joinForm: { field, values, problem: join } });
    }
    return only({ ...state, joinForm: undefined, classroom: { handRaised: false }, message: `Joined the classroom at ${join.url} as ${join.name}: ! raises your hand, i shares a failure, j leaves.` }, { type: 'classroom-join', join });
  }
  // Printable characters only: no control codes into a name the instructor's page shows.
  if (press.ctrl || press.tab || press.input === '' || [...press.input].some((char) => char < ' ' || char === '\u007f')) return only(state);
  values[form.field] = (values[form.field] + press.input).slice(0, 200);
  return only({ ...state, joinForm: { ...form, values } });
}

/** Back from the shell: a task not yet passed is checked at once, with what was typed kept beside the verdict. */
function backFromShell(state: WorkshopState, action: Extract<WorkshopAction, { type: 'shell-closed' }>): WorkshopUpdate {
  if (action.error) return only({ ...state, message: action.error });
  const lesson = lessonReducer(state.lesson, { type: 'typed', stepId: action.stepId, commands: action.commands });
  // The workshop kubeconfig was put right: say what and why, and check nothing until the learner has read it.
  if (action.breach) {
    const noted = lessonReducer(lesson, { type: 'file-notes', stepId: action.stepId, lines: [action.breach] });
    return only({ ...state, lesson: noted, message: "✗ Back from the shell: your change to the workshop's kubeconfig was undone (below). Enter: check" });
  }
  const step = lesson.steps.find((each) => each.id === action.stepId);
  if (step?.task === undefined || step.state === 'passed') return only({ ...state, lesson, message: 'Back from the shell.' });
  return only({ ...state, lesson, scrollBack: 0, message: 'Back from the shell: checking the task…' }, { type: 'run-step', stepId: action.stepId, task: 'check' });
}

function onYes(state: WorkshopState, yes: OnYes): WorkshopUpdate {
  switch (yes.type) {
    case 'quit':
      return only(state, { type: 'quit' });
    case 'skip-step':
      return only({ ...state, lesson: lessonReducer(state.lesson, { type: 'select-next' }), textTop: 0, skipping: yes.stepId }, { type: 'skip-step', stepId: yes.stepId });
    case 'show-solution': {
      const step = selectedStep(state.lesson);
      const shown = { ...state, lesson: lessonReducer(state.lesson, { type: 'show-solution' }) };
      const told: WorkshopEffect[] = step && state.classroom ? [{ type: 'classroom-help', stepId: step.id, level: 'solution' }] : [];
      // A file to write: the solution level shows what differs between the learner's file and the finished one.
      return step?.task?.reference ? only(shown, { type: 'compare-with-reference', stepId: step.id }, ...told) : only(shown, ...told);
    }
    case 'solve-task':
      return only({ ...state, scrollBack: 0, message: '' }, { type: 'run-step', stepId: yes.stepId, task: 'solve' });
    case 'reset-lesson':
      return only(state, { type: 'reset-lesson', lessonId: yes.lessonId, title: yes.title });
    case 'leave-classroom':
      return only({ ...state, classroom: undefined, message: 'Left the classroom; nothing more is sent. j joins again.' }, { type: 'classroom-leave' });
    case 'allow-context':
      return only(askNextContext(state, state.contextsToAsk), { type: 'allow-context', name: yes.name });
  }
}

/** What each keymap action does to the screen, and what it asks the app to do. */
function onKeyAction(state: WorkshopState, action: KeyAction, facts: ScreenFacts): WorkshopUpdate {
  const { lesson } = state;
  const step = selectedStep(lesson);
  const page = Math.max(1, facts.paneHeight - 1);
  const lines = step ? facts.outputLines(step.id) : 0;
  const picture = scrollsPicture(state, lines);
  const select = (move: 'select-next' | 'select-previous'): WorkshopState => onStep({ ...state, lesson: lessonReducer(lesson, { type: move }) });
  const textPage = Math.max(1, (facts.textHeight ?? 4) - 2);
  const scrollText = (to: number): WorkshopUpdate => only({ ...state, textTop: Math.max(0, Math.min(Math.max(0, (facts.textLines ?? 0) - (facts.textHeight ?? 0) + 1), to)) });
  const say = (message: string): WorkshopUpdate => only({ ...state, message });
  const scrollOutput = (to: number): WorkshopUpdate => only({ ...state, scrollBack: Math.max(0, Math.min(Math.max(0, lines - page), to)) });
  const scrollPicture = (to: number): WorkshopUpdate => only({ ...state, pictureTop: Math.max(0, to) });
  // A task's Enter checks the learner's work; any other step's runs its command.
  const run = (): WorkshopUpdate => (step ? only({ ...state, scrollBack: 0, message: '' }, step.task ? { type: 'run-step', stepId: step.id, task: 'check' } : { type: 'run-step', stepId: step.id }) : only(state));
  switch (action) {
    case 'quit':
      return lesson.running ? only({ ...state, confirm: { question: 'A step is running. Stop it and quit?', onYes: { type: 'quit' } } }) : only(state, { type: 'quit' });
    case 'show-help':
      return only({ ...state, help: !state.help });
    case 'raise-hand': {
      const raised = !state.classroom?.handRaised;
      const message = raised ? '✋ Hand raised: the instructor sees it. ! lowers it.' : 'Hand lowered.';
      return only({ ...state, classroom: { handRaised: raised }, message }, { type: 'classroom-hand', raised });
    }
    case 'share-failure':
      return only(state, { type: 'classroom-share' });
    case 'join-classroom':
      if (state.classroom) return only({ ...state, confirm: { question: 'Leave the classroom? The instructor stops seeing your progress.', onYes: { type: 'leave-classroom' } } });
      return only({ ...state, joinForm: { field: 0, values: ['', '', ''] }, message: '' });
    case 'select-up':
    case 'select-down': {
      const index = state.homeSelected + (action === 'select-up' ? -1 : 1);
      return only({ ...state, homeSelected: Math.max(0, Math.min(facts.lessonIds.length - 1, index)) });
    }
    case 'open-lesson': {
      const id = facts.lessonIds[state.homeSelected];
      return id === undefined ? only(state) : only(state, { type: 'open-lesson', id });
    }
    case 'run-step':
      // After a pass (or a skip), Enter goes on to the next step; after the last, to the lesson-complete view.
      if (step?.state === 'passed' || step?.state === 'skipped') {
        const laterToDo = lesson.steps.slice(lesson.selected + 1).some((later) => later.optional !== true && later.state !== 'passed' && later.state !== 'skipped');
        if (lessonComplete(lesson) && !laterToDo) return only({ ...state, screen: 'complete', message: '' });
        return only(select('select-next'));
      }
      return run();
    case 'rerun-step':
      return run();
    case 'skip-step':
      return step ? only({ ...state, confirm: { question: `Skip step ${lesson.selected + 1} (${step.title})?`, onYes: { type: 'skip-step', stepId: step.id } } }) : only(state);
    case 'cancel-step':
      return only({ ...state, message: 'Stopping the step and everything it started…' }, { type: 'cancel-step' });
    case 'open-shell':
      return step ? only({ ...state, message: '' }, { type: 'open-shell', stepId: step.id }) : only(state);
    case 'edit-file':
      if (!step?.task?.scaffold) return say(step?.task ? 'This task has no file to write: s opens a shell to do it in.' : 'e opens the file a task asks you to write; this step has none.');
      return only({ ...state, message: '' }, { type: 'edit-file', stepId: step.id });
    case 'apply-file':
      if (!step?.task?.apply) return say(step?.task ? 'This task has no file to apply for you: do it in the shell (s).' : 'a applies the file a task asks you to write; this step has none.');
      return only({ ...state, scrollBack: 0, message: '' }, { type: 'run-step', stepId: step.id, task: 'apply' });
    case 'do-it-for-me':
      if (!step?.task) return say('f does a task for you; this step runs its own command (Enter).');
      if (step.state === 'passed') return say('This task is done already.');
      return only({ ...state, confirm: { question: 'Have the workshop do this task for you? It runs the solution and counts as done with help.', onYes: { type: 'solve-task', stepId: step.id } } });
    case 'show-hint':
      if (!step) return only(state);
      if (!hintsExhausted(lesson)) {
        const hinted = lessonReducer(lesson, { type: 'show-hint' });
        const level = hinted.hintsShown[step.id] ?? 0;
        return only({ ...state, lesson: hinted }, ...(state.classroom ? [{ type: 'classroom-help', stepId: step.id, level } as const] : []));
      }
      if (step.solution && !lesson.solutionShown[step.id]) return only({ ...state, confirm: { question: 'No more hints. Show the solution?', onYes: { type: 'show-solution' } } });
      return say(step.solution ? 'The solution is shown below the checks.' : 'This step has no more hints.');
    case 'copy-command': {
      const command = step?.command?.trim();
      if (!command) return say('This step runs no command.');
      return only(state, facts.commandCut ? { type: 'copy-command', command, showWhole: true } : { type: 'copy-command', command });
    }
    case 'toggle-topology':
      if (state.showTopology) return only({ ...state, showTopology: false, message: '' });
      return only({ ...state, message: 'Reading your clusters (kubectl get, read-only)…' }, { type: 'read-topology' });
    case 'toggle-diagram':
      if (step?.diagram ?? lesson.diagram) return only(fromStart({ ...state, showDiagram: !state.showDiagram }));
      return say('This step has no diagram.');
    case 'toggle-view':
      if (step && lesson.views[step.id]) return only(fromStart({ ...state, rawOutput: !state.rawOutput }));
      return say('This step has no table or diff to show; its output is all there is.');
    case 'scroll-up':
      return picture ? scrollPicture(state.pictureTop - 1) : scrollOutput(state.scrollBack + 1);
    case 'scroll-down':
      return picture ? only({ ...state, pictureTop: state.pictureTop + 1 }) : scrollOutput(state.scrollBack - 1);
    case 'page-up':
      return picture ? scrollPicture(state.pictureTop - page) : scrollOutput(state.scrollBack + page);
    case 'page-down':
      return picture ? only({ ...state, pictureTop: state.pictureTop + page }) : scrollOutput(state.scrollBack - page);
    case 'scroll-top':
      return picture ? scrollPicture(0) : scrollOutput(lines - page);
    case 'follow-tail':
      return picture ? only({ ...state, pictureTop: Number.MAX_SAFE_INTEGER }) : scrollOutput(0);
    case 'text-up':
      return scrollText(state.textTop - textPage);
    case 'text-down':
      return scrollText(state.textTop + textPage);
    case 'toggle-wrap':
      return only({ ...state, wrapOutput: !state.wrapOutput, outputLeft: 0, message: state.wrapOutput ? 'Long output lines are cut at the pane again: ← → scroll them sideways.' : 'Long output lines wrap. w: cut them again.' });
    case 'scroll-left':
      return only({ ...state, outputLeft: Math.max(0, state.outputLeft - SIDEWAYS) });
    case 'scroll-right':
      return state.wrapOutput ? say('Output lines wrap now: w cuts them again, then ← → scroll sideways.') : only({ ...state, outputLeft: state.outputLeft + SIDEWAYS });
    case 'next-step':
      return only(select('select-next'));
    case 'previous-step':
      return only(select('select-previous'));
    case 'reset-lesson':
      return only({ ...state, confirm: { question: `Forget your progress and files in ${lesson.title} and start it again?`, onYes: { type: 'reset-lesson', lessonId: lesson.lessonId, title: lesson.title } } });
    case 'back-to-lessons':
      return only({ ...state, screen: 'home', message: '' });
    case 'back-to-lesson':
      return only({ ...state, screen: 'lesson', message: '' });
    case 'open-next-lesson': {
      const next = facts.lessonIds[facts.lessonIds.indexOf(lesson.lessonId) + 1];
      if (next === undefined || !facts.lessonIds.includes(lesson.lessonId)) return say('That was the last lesson. Tab: the lesson list');
      return only({ ...state, message: '', homeSelected: facts.lessonIds.indexOf(next) }, { type: 'open-lesson', id: next });
    }
    // The presenter's and the player's own keys: their screens (src/tui/presenter-screen.tsx, player-screen.tsx) answer them.
    case 'present-enter':
    case 'play-recording':
    case 'player-next':
    case 'toggle-pause':
    case 'seek-back':
    case 'seek-forward':
      return only(state);
  }
}
