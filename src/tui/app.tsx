/**
 * The workshop app: the home screen and the lesson screen, one keymap, the engine behind a step runner.
 * State lives in reducers and small stores; this component wires keys to actions and lays screens out.
 */
import { Box, Text, useApp, useInput } from 'ink';
import { useEffect, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import type { EngineEvent, StepStatus } from '../engine/events.js';
import { outlineOf, planSteps } from '../engine/plan.js';
import type { LessonListing } from '../lesson/listing.js';
import type { LoadedLesson } from '../lesson/load.js';
import { readMarkdown } from '../lesson/markdown-text.js';
import { allSteps } from '../lesson/steps.js';

import type { ProgressStore } from '../progress/store.js';
import type { Quiz } from '../lesson/schema.js';
import type { Diagram } from '../diagrams/schema.js';
import { renderMarkdown } from '../views/markdown.js';
import type { RenderedView } from '../views/proxy-config/step-view.js';
import { checkPanelLines } from './check-panel-lines.js';
import { copiedMessage, copyPlan } from './clipboard.js';
import { doctorFailed, homeRows, nextLessonIndex, type MissingFor } from './home-rows.js';
import { actionForKey, helpLines, splitKeys, type KeyAction, type KeyPress } from './keymap.js';
import { lessonLayout, tooSmall } from './layout.js';
import { hintsExhausted, initialLessonState, lessonReducer, selectedStep, withSavedResults, type LessonAction, type LessonScreenState, type StepView } from './lesson-state.js';
import { createStepRunner, type StepRunner } from './lesson-runner.js';
import { createOutputStore, type OutputStore } from './output-store.js';
import { HomeScreen, Lines, OutputPane, StatusBar, StepList } from './screens.js';
import { useTerminalSize } from './use-terminal-size.js';

export interface AppProps {
  listings: readonly LessonListing[];
  /** The lesson, or undefined while the lesson files are still being read (just after start). */
  loadLesson(id: string): LoadedLesson | undefined;
  /** Settles once the lesson files have been read. */
  lessonsReady?: Promise<void>;
  progress: ProgressStore;
  home: string;
  /** What the machine lacks for a lesson, before the doctor has answered. */
  missingFor: MissingFor;
  /** The doctor's verdict, once it has looked (it asks Docker, so it comes after the first frame). */
  machine?: Promise<{ summary: string; ready: boolean; missingFor: MissingFor }>;
  /** Said once at the start (a "welcome back", a recovered progress file). */
  greeting?: string;
  /** Called with the text to print on the main screen once the app has closed. */
  onQuit(farewell: string): void;
  /** Receives a way to stop the running step, for quitting on a signal. */
  onStopper?(stop: () => Promise<void>): void;
  /** Contexts of the learner's own asked for with --allow-context: each is confirmed on screen first. */
  contextsToAllow?: readonly { name: string; from: string }[];
  /** Copies one into the workshop kubeconfig; returns what to tell the learner. */
  allowContext?(name: string): string;
  /** A lesson to open at once (the unfinished one the learner was in last). */
  initialLesson?: string;
}

/** An open lesson: its output, its step runner, where it resumes, and its engine events. */
interface Session {
  loaded: LoadedLesson;
  store: OutputStore;
  runner: StepRunner;
  resumed: LessonScreenState;
  welcome: string;
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /** The screen answers quiz questions through this. */
  onQuestion(handler: (question: QuizQuestion) => void): () => void;
}

export interface QuizQuestion {
  quiz: Quiz;
  answer(choice: number | undefined): void;
}

function openSession(id: string, props: AppProps): Session | undefined {
  const loaded = props.loadLesson(id);
  if (!loaded) return undefined;
  const store = createOutputStore();
  const listeners = new Set<(event: EngineEvent) => void>();
  // A step can start before the screen has subscribed (keys faster than renders): keep its events till then.
  const early: EngineEvent[] = [];
  const emit = (event: EngineEvent): void => {
    store.handle(event);
    if (listeners.size === 0 && event.type !== 'output') early.push(event);
    for (const listener of listeners) listener(event);
  };
  let askLearner: ((question: QuizQuestion) => void) | undefined;
  const answerQuiz = (quiz: Quiz): Promise<number | undefined> =>
    new Promise((resolve) => (askLearner ? askLearner({ quiz, answer: resolve }) : resolve(undefined)));
  const runner = createStepRunner({ lesson: loaded, home: props.home, progress: props.progress, emit, answerQuiz });
  // Setup and cleanup steps are in the list too, marked as such: the learner sees and runs everything.
  const outlines = planSteps(loaded.lesson, { setup: true, cleanup: true }).map(outlineOf);
  const saved = props.progress.lesson(id);
  const initial = initialLessonState(id, loaded.lesson.title, outlines);
  const resumed = withSavedResults(loaded.lesson.diagram ? { ...initial, diagram: loaded.lesson.diagram } : initial, saved.steps, saved.current);
  const welcome = saved.current ? `Welcome back to ${loaded.lesson.title}: step ${resumed.selected + 1} of ${outlines.length} is next.` : '';
  return {
    loaded,
    store,
    runner,
    resumed,
    welcome,
    subscribe(listener) {
      listeners.add(listener);
      for (const event of early.splice(0)) listener(event);
      return () => {
        listeners.delete(listener);
      };
    },
    onQuestion(handler) {
      askLearner = handler;
      return () => {
        askLearner = undefined;
      };
    },
  };
}

const EMPTY_STORE = createOutputStore();

/**
 * The view renderer brings istioctl's printers (and the YAML library): loaded when a step first has a
 * view, never before the first frame.
 */
let viewRenderer: typeof import('../views/proxy-config/step-view.js') | undefined;
function loadViewRenderer(): Promise<void> {
  return import('../views/proxy-config/step-view.js').then((module) => {
    viewRenderer = module;
  });
}

/** Diagrams (their loader and renderer) load when a step with one is first shown, not before the first frame. */
let diagramTools: { load: typeof import('../diagrams/load.js'); render: typeof import('../views/diagram.js'); assets: string } | undefined;
let diagramToolsLoading: Promise<void> | undefined;
function loadDiagramTools(): Promise<void> {
  return (diagramToolsLoading ??= Promise.all([import('../diagrams/load.js'), import('../views/diagram.js'), import('../paths.js')]).then(([load, render, paths]) => {
    diagramTools = { load, render, assets: paths.defaultAssetsDir() };
  }));
}

const renderedDiagrams = new Map<string, string[]>();
/** A step's diagram at a width, its path marked; a line saying why when it cannot be drawn. */
function diagramLines(name: string, highlight: string | undefined, width: number): string[] | undefined {
  if (!diagramTools) return undefined;
  const key = `${name}\u0000${highlight ?? ''}\u0000${width}`;
  const cached = renderedDiagrams.get(key);
  if (cached) return cached;
  const { diagram, problems } = diagramTools.load.loadDiagram(`${diagramTools.load.diagramsDir(diagramTools.assets)}/${name}.yaml`);
  const path = highlight ? (diagram?.paths?.[highlight] ?? highlight.split(',')) : [];
  const lines = diagram ? diagramTools.render.renderDiagram(diagram, { width, highlight: path, ascii: !diagramTools.render.localeIsUtf8(process.env) }) : [`(the diagram ${name} cannot be drawn: ${problems[0]?.message ?? 'not found'})`];
  renderedDiagrams.set(key, lines);
  return lines;
}

/** Whether the output pane shows a picture (a diagram or a step's view) rather than the raw output. */
function showsPicture(step: StepView | undefined, state: LessonScreenState, showDiagram: boolean, rawOutput: boolean, outputLines: number): boolean {
  if (!step) return false;
  const diagram = step.diagram ?? state.diagram;
  if (diagram !== undefined && (showDiagram || (step.diagram !== undefined && outputLines === 0 && !state.views[step.id]))) return true;
  return state.views[step.id] !== undefined && !rawOutput;
}

/** Rendering a view parses its JSON (a dump can be megabytes): once per view and width, not per frame. */
const renderedViews = new WeakMap<object, { width: number; rendered: RenderedView }>();
function renderedView(entry: LessonScreenState['views'][string], width: number): RenderedView {
  const cached = renderedViews.get(entry);
  if (cached?.width === width) return cached.rendered;
  if (!viewRenderer) return { title: 'Preparing the view…', lines: [] };
  const rendered = viewRenderer.renderStepView(entry.view, entry.payload, width);
  renderedViews.set(entry, { width, rendered });
  return rendered;
}

interface Confirm {
  question: string;
  onYes(): void;
}

/** The spinner's frame and the clock, ticking while `active` (the retry countdown is worked out from it). */
function useSpinnerClock(active: boolean): { frame: number; now: number } {
  const [clock, setClock] = useState(() => ({ frame: 0, now: Date.now() }));
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setClock((value) => ({ frame: value.frame + 1, now: Date.now() })), 120);
    return () => clearInterval(timer);
  }, [active]);
  return clock;
}

/** Seconds since `active` turned true, ticking once a second (for the status bar). */
function useElapsedSeconds(active: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => {
      clearInterval(timer);
      setSeconds(0);
    };
  }, [active]);
  return seconds;
}

/** A step's text; a text file gone since the lesson was read is said in its place (the step still runs). */
function stepMarkdown(dir: string, text: Parameters<typeof readMarkdown>[1]): string {
  try {
    return readMarkdown(dir, text);
  } catch (error) {
    return `*This step's text could not be read: ${error instanceof Error ? error.message : String(error)}*`;
  }
}

function finishedMessage(status: StepStatus): string {
  if (status === 'passed') return '✓ Passed. Enter: next step · r: run it again';
  if (status === 'failed') return '✗ Not yet. h: a hint · r: run it again · the checks below say why';
  if (status === 'cancelled') return '■ Stopped, with everything it started.';
  return '- Skipped. Enter: next step';
}

export function App(props: AppProps) {
  const { columns, rows } = useTerminalSize();
  const { exit } = useApp();
  const [session, setSession] = useState<Session | undefined>(() => (props.initialLesson ? openSession(props.initialLesson, props) : undefined));
  const [state, dispatch] = useReducer(lessonReducer, undefined, () => session?.resumed ?? initialLessonState('', '', []));
  const [screen, setScreen] = useState<'home' | 'lesson'>(session ? 'lesson' : 'home');
  // Keys can arrive faster than React renders (two Enters in one read): handlers decide on the newest
  // state, kept here as each action is applied, not on the state of the last render.
  const latest = useRef<{ state: LessonScreenState; screen: 'home' | 'lesson'; session: Session | undefined; confirm?: Confirm | undefined; help?: boolean; shownCommand?: string | undefined; question?: QuizQuestion | undefined; homeSelected?: number }>({ state, screen, session });
  const apply = (action: LessonAction): void => {
    latest.current = { ...latest.current, state: lessonReducer(latest.current.state, action) };
    dispatch(action);
  };
  const go = (next: 'home' | 'lesson'): void => {
    latest.current = { ...latest.current, screen: next };
    setScreen(next);
  };
  // Cheap to compute, and progress changes after every step: no memo.
  const [machine, setMachine] = useState<{ summary: string; ready: boolean; missingFor: MissingFor } | undefined>(undefined);
  useEffect(() => {
    let current = true;
    props.machine?.then(
      (verdict) => {
        if (current) setMachine(verdict);
      },
      (error: unknown) => {
        if (current) setMachine(doctorFailed(error, props.missingFor));
      },
    );
    return () => {
      current = false;
    };
  }, [props.machine, props.missingFor]);
  const homeList = homeRows(props.listings, (id) => props.progress.lesson(id), machine?.missingFor ?? props.missingFor);
  const [homeSelected, setHomeSelected] = useState(() => nextLessonIndex(homeList, props.progress.lastLesson()));
  // Keys that arrive together (Down Down Enter) are handled before React renders again: Enter must open
  // the lesson the Downs moved to, so the selection is kept current for handlers too (see `latest`).
  const selectHome = (move: (index: number) => number): void => {
    const index = Math.max(0, Math.min(homeList.length - 1, move(latest.current.homeSelected ?? homeSelected)));
    latest.current = { ...latest.current, homeSelected: index };
    setHomeSelected(index);
  };
  const [message, setMessage] = useState([props.greeting, session?.welcome].filter(Boolean).join(' '));
  const [confirm, setConfirm] = useState<Confirm | undefined>(undefined);
  const [help, setHelp] = useState(false);
  const [scrollBack, setScrollBack] = useState(0);
  // A step with a view shows it (a proxy-config table, a diff) in place of its raw output; v switches.
  const [rawOutput, setRawOutput] = useState(false);
  // Set once the view renderer has loaded, so a view waiting for it is drawn.
  // Counts renderers loaded (a count, not a flag: two loads finishing together must still redraw).
  const [, setViewsReady] = useState(0);
  // d shows the step's diagram over its output (a step not run yet shows its diagram anyway).
  const [showDiagram, setShowDiagram] = useState(false);
  // t: the live topology, read from the clusters on demand.
  const [topology, setTopology] = useState<Diagram | undefined>(undefined);
  const [showTopology, setShowTopology] = useState(false);
  // A picture (a diagram, a table) reads from its top: how far it is scrolled down.
  const [pictureTop, setPictureTop] = useState(0);
  // A new step or a switched view starts as a learner expects: the output at its tail, a picture at its top.
  const showFromStart = (): void => {
    setScrollBack(0);
    setPictureTop(0);
  };
  const [text, setText] = useState('');
  const store = session?.store ?? EMPTY_STORE;
  const output = useSyncExternalStore(store.subscribe, store.snapshot);
  const loaded = session?.loaded;
  const [question, setQuestion] = useState<QuizQuestion | undefined>(undefined);
  // Overlays change what the next key means, so they are kept current for handlers too (see `latest`).
  const ask = (next: QuizQuestion | undefined): void => {
    latest.current = { ...latest.current, question: next };
    setQuestion(next);
  };
  const askToConfirm = (next: Confirm | undefined): void => {
    latest.current = { ...latest.current, confirm: next };
    setConfirm(next);
  };
  const showHelp = (shown: boolean): void => {
    latest.current = { ...latest.current, help: shown };
    setHelp(shown);
  };
  // A command shown alone, for selecting with the mouse where the clipboard sequence may not arrive.
  const [shownCommand, setShownCommand] = useState<string | undefined>(undefined);
  const showCommand = (command: string | undefined): void => {
    latest.current = { ...latest.current, shownCommand: command };
    setShownCommand(command);
  };
  // --allow-context: never silently; one question per context, on the screen, before anything runs.
  const [contextsAsked] = useState(() => [...(props.contextsToAllow ?? [])]);
  useEffect(() => {
    const askNext = (): void => {
      const next = contextsAsked.shift();
      if (!next) return;
      askToConfirm({
        question: `Use your context '${next.name}' here? It is copied from ${next.from} into the workshop's kubeconfig.`,
        onYes: () => {
          setMessage(props.allowContext?.(next.name) ?? '');
          askNext();
        },
      });
    };
    askNext();
    // Asked once, at the start.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => session?.onQuestion((next) => {
    latest.current = { ...latest.current, question: next };
    setQuestion(next);
  }), [session]);

  // Engine events of the open lesson become state changes.
  useEffect(
    () =>
      session?.subscribe((event) => {
        if (event.type === 'step-view' && !viewRenderer) void loadViewRenderer().then(() => setViewsReady((loaded) => loaded + 1));
        if (event.type !== 'output') apply(event);
        if (event.type === 'step-finished') setMessage(finishedMessage(event.status));
        if (event.type === 'quiz-answered') setMessage(`${event.correct ? '✓ Right.' : `✗ Not quite: it is ${event.quiz.answer}.`} ${event.quiz.explanation}`);
      }),
    [session],
  );
  const clock = useSpinnerClock(state.running);
  const elapsed = useElapsedSeconds(state.running);
  const step = selectedStep(state);

  const commandLineCount = step?.command?.trim().split('\n').length ?? 1;
  // Widths do not depend on the panel; its height does, so measure the panel at the final width first.
  const { rightWidth } = lessonLayout(columns, rows, state.steps.length, commandLineCount, 0);
  const panel = checkPanelLines(step, (step && state.checks[step.id]) ?? [], (step && state.hintsShown[step.id]) ?? 0, step ? state.solutionShown[step.id] === true : false, rightWidth, clock);
  const layout = lessonLayout(columns, rows, state.steps.length, commandLineCount, panel.length);

  // The selected step's text, rendered once per step and width.
  const stepId = step?.id;
  const textWidth = Math.max(20, layout.leftWidth - 1);
  useEffect(() => {
    let current = true;
    const source = loaded && allSteps(loaded.lesson).find((s) => s.id === stepId);
    const markdown = loaded && source ? stepMarkdown(loaded.dir, source.text) : '';
    void renderMarkdown(markdown, textWidth).then((rendered) => {
      if (current) setText(rendered);
    });
    return () => {
      current = false;
    };
  }, [loaded, stepId, textWidth]);

  const openLesson = (id: string, fresh = false): void => {
    if (!fresh && latest.current.session?.loaded.lesson.id === id) {
      go('lesson');
      return;
    }
    const next = openSession(id, props);
    if (!next) {
      // Pressed before the lessons were read (just after start): open it as soon as they are.
      setMessage('Reading the lessons…');
      void props.lessonsReady?.then(() => {
        if (props.loadLesson(id)) openLesson(id, fresh);
        else setMessage(`The lesson '${id}' could not be read: 'mesh-workshop lint' says why.`);
      });
      return;
    }
    latest.current.session?.store.dispose();
    latest.current = { ...latest.current, session: next };
    setSession(next);
    apply({ type: 'load', state: next.resumed });
    go('lesson');
    setScrollBack(0);
    setMessage(next.welcome);
  };

  useEffect(() => {
    props.onStopper?.(async () => session?.runner.stop());
  }, [props, session]);

  const quit = (): void => {
    latest.current.session?.runner.cancel();
    const farewell = loaded ? `Bye. Your progress in ${loaded.lesson.title} is saved; run mesh-workshop to carry on.` : 'Bye.';
    props.onQuit(farewell);
    exit();
  };

  const runSelected = (): void => {
    const step = selectedStep(latest.current.state);
    const open = latest.current.session;
    if (!step || !open) return;
    setScrollBack(0);
    setMessage('');
    void open.runner.run(step.id);
  };

  const handle = (action: KeyAction): void => {
    const state = latest.current.state;
    const step = selectedStep(state);
    const page = Math.max(1, layout.outputHeight - 1);
    const lines = step ? output.lines(step.id).length : 0;
    const picture = showTopology || showsPicture(step, state, showDiagram, rawOutput, lines);
    switch (action) {
      case 'quit':
        if (state.running) askToConfirm({ question: 'A step is running. Stop it and quit?', onYes: quit });
        else quit();
        return;
      case 'show-help':
        showHelp(!latest.current.help);
        return;
      case 'select-up':
        selectHome((index) => index - 1);
        return;
      case 'select-down':
        selectHome((index) => index + 1);
        return;
      case 'open-lesson': {
        const row = homeList[latest.current.homeSelected ?? homeSelected];
        if (row) openLesson(row.id);
        return;
      }
      case 'run-step':
        if (step?.state === 'passed' || step?.state === 'skipped') {
          apply({ type: 'select-next' });
          setMessage('');
        } else runSelected();
        return;
      case 'rerun-step':
        runSelected();
        return;
      case 'skip-step':
        if (step) {
          askToConfirm({
            question: `Skip step ${state.selected + 1} (${step.title})?`,
            onYes: () => {
              apply({ type: 'step-finished', stepId: step.id, status: 'skipped', durationMs: 0, exitCode: null, tail: [] });
              const saved = props.progress.lesson(state.lessonId);
              props.progress.saveLesson(state.lessonId, { ...saved, steps: { ...saved.steps, [step.id]: { status: 'skipped', at: new Date().toISOString() } }, current: step.id });
              apply({ type: 'select-next' });
            },
          });
        }
        return;
      case 'cancel-step':
        latest.current.session?.runner.cancel();
        setMessage('Stopping the step and everything it started…');
        return;
      case 'show-hint':
        if (!step) return;
        if (hintsExhausted(state)) {
          if (step.solution && !state.solutionShown[step.id]) askToConfirm({ question: 'No more hints. Show the solution?', onYes: () => apply({ type: 'show-solution' }) });
          else setMessage(step.solution ? 'The solution is shown below the checks.' : 'This step has no more hints.');
        } else apply({ type: 'show-hint' });
        return;
      case 'copy-command': {
        const command = step?.command?.trim();
        if (!command) {
          setMessage('This step runs no command.');
          return;
        }
        const plan = copyPlan(command, process.env);
        if (plan.sequence) process.stdout.write(plan.sequence);
        if (plan.showBecause) showCommand(command);
        setMessage(copiedMessage(command, plan));
        return;
      }
      case 'toggle-topology':
        if (showTopology) {
          setShowTopology(false);
          setMessage('');
          return;
        }
        setMessage('Reading your clusters (kubectl get, read-only)…');
        void (async () => {
          const [{ readClusterReports }, { topologyFromReports }] = await Promise.all([import('../cluster/topology-report.js'), import('../diagrams/topology.js'), loadDiagramTools()]);
          setTopology(topologyFromReports(await readClusterReports(props.home)));
          setShowTopology(true);
          setPictureTop(0);
          setMessage('Your clusters now. t: back');
        })().catch((error: unknown) => setMessage(error instanceof Error ? error.message : String(error)));
        return;
      case 'toggle-diagram':
        if (step?.diagram ?? state.diagram) {
          if (!diagramTools) void loadDiagramTools().then(() => setViewsReady((loaded) => loaded + 1));
          setShowDiagram((shown) => !shown);
          showFromStart();
        } else setMessage('This step has no diagram.');
        return;
      case 'toggle-view':
        if (step && state.views[step.id]) {
          setRawOutput((raw) => !raw);
          showFromStart();
        } else setMessage('This step has no table or diff to show; its output is all there is.');
        return;
      case 'scroll-up':
        if (picture) setPictureTop((top) => Math.max(0, top - 1));
        else setScrollBack((value) => Math.min(Math.max(0, lines - page), value + 1));
        return;
      case 'scroll-down':
        if (picture) setPictureTop((top) => top + 1);
        else setScrollBack((value) => Math.max(0, value - 1));
        return;
      case 'page-up':
        if (picture) setPictureTop((top) => Math.max(0, top - page));
        else setScrollBack((value) => Math.min(Math.max(0, lines - page), value + page));
        return;
      case 'page-down':
        if (picture) setPictureTop((top) => top + page);
        else setScrollBack((value) => Math.max(0, value - page));
        return;
      case 'scroll-top':
        if (picture) setPictureTop(0);
        else setScrollBack(Math.max(0, lines - page));
        return;
      case 'follow-tail':
        if (picture) setPictureTop(Number.MAX_SAFE_INTEGER);
        else setScrollBack(0);
        return;
      case 'next-step':
        apply({ type: 'select-next' });
        showFromStart();
        return;
      case 'previous-step':
        apply({ type: 'select-previous' });
        showFromStart();
        return;
      case 'reset-lesson':
        askToConfirm({
          question: `Forget your progress in ${state.title} and start it again?`,
          onYes: () => {
            props.progress.reset(state.lessonId);
            openLesson(state.lessonId, true);
            setMessage(`Progress in ${state.title} forgotten: back at step 1.`);
          },
        });
        return;
      case 'back-to-lessons':
        go('home');
        setMessage('');
        return;
    }
  };

  const onKey = (press: KeyPress): void => {
    const { input } = press;
    if (latest.current.question) {
      const { question: asked } = latest.current;
      const choice = Number(input);
      if (press.escape || (Number.isInteger(choice) && choice >= 1 && choice <= asked.quiz.choices.length)) {
        ask(undefined);
        asked.answer(press.escape ? undefined : choice);
      }
      return;
    }
    if (latest.current.confirm) {
      const pending = latest.current.confirm;
      askToConfirm(undefined);
      if (input === 'y' || input === 'Y') pending.onYes();
      return;
    }
    if (latest.current.help) {
      showHelp(false);
      return;
    }
    if (latest.current.shownCommand !== undefined) {
      showCommand(undefined);
      setMessage('');
      return;
    }
    const action = actionForKey(press, { screen: latest.current.screen, running: latest.current.state.running });
    if (action) handle(action);
  };

  useInput((input, key) => {
    for (const press of splitKeys({ input, ...key })) onKey(press);
  });

  const small = tooSmall(columns, rows);
  if (small) return <Text>{small}</Text>;

  const quizLines = question
    ? [{ text: question.quiz.question, tone: 'hint' as const }, ...question.quiz.choices.map((choice, index) => ({ text: `  ${index + 1}. ${choice}` })), { text: `Press 1-${question.quiz.choices.length} to answer, Esc to skip.`, tone: 'muted' as const }]
    : [];
  const statusText = confirm
    ? `${confirm.question} (y/n)`
    : message ||
      (screen === 'home'
        ? '↑↓ choose · Enter open · ? keys · q quit'
        : `${state.title} · step ${state.selected + 1}/${state.steps.length}${state.running ? ` · running ${elapsed}s (Esc stops)` : ''} · Enter run · h hint · c copy · Tab lessons · ? keys · q quit`);

  if (help) {
    return (
      <Box flexDirection="column" width={columns} height={rows - 1}>
        <Text bold>Keys</Text>
        <Lines lines={helpLines(screen).map((line) => ({ text: line }))} height={rows - 3} />
        <StatusBar text="Press any key to close." width={columns} />
      </Box>
    );
  }

  if (shownCommand !== undefined) {
    // Nothing else on the screen and no prefix, so a mouse selection takes the command and only it.
    return (
      <Box flexDirection="column" width={columns} height={rows - 1}>
        <Box flexDirection="column" height={rows - 2} overflow="hidden">
          {shownCommand.split('\n').map((line, index) => (
            <Text key={index}>{line === '' ? ' ' : line}</Text>
          ))}
        </Box>
        <StatusBar text={`Any key: back. ${message}`} width={columns} />
      </Box>
    );
  }

  if (screen === 'home') {
    return (
      <Box flexDirection="column" width={columns} height={rows - 1}>
        <HomeScreen rows={homeList} selected={homeSelected} width={columns} height={rows - 2} notice={machine ? { text: machine.summary, tone: machine.ready ? 'ok' : 'fail' } : { text: 'Checking this machine…', tone: 'muted' }} />
        <StatusBar text={statusText} width={columns} />
      </Box>
    );
  }

  const stepView = step ? state.views[step.id] : undefined;
  const rawLines = step ? output.lines(step.id) : [];
  // A step's diagram: on d, or on its own while the step has no output yet.
  // The step's own diagram shows by itself before it runs; the lesson's only on d.
  const diagramName = step?.diagram ?? state.diagram;
  const wantDiagram = diagramName !== undefined && showsPicture(step, state, showDiagram, true, rawLines.length);
  if (wantDiagram && !diagramTools) void loadDiagramTools().then(() => setViewsReady((loaded) => loaded + 1));
  const drawn = wantDiagram && diagramName ? (diagramLines(diagramName, step?.diagram ? step.highlight : undefined, layout.rightWidth) ?? ['Drawing the diagram…']) : undefined;
  const rendered = !drawn && stepView && !rawOutput ? renderedView(stepView, layout.rightWidth) : undefined;
  const live = showTopology && topology && diagramTools ? diagramTools.render.renderDiagram(topology, { width: layout.rightWidth, ascii: !diagramTools.render.localeIsUtf8(process.env) }) : undefined;
  const stepLines = live ? ['Your clusters now · t: back', ...live] : drawn ? [`Diagram: ${diagramName ?? ''}${step?.diagram && step.highlight ? ` (${step.highlight} marked)` : ''} · d: ${rawLines.length > 0 ? 'the output' : 'hide'}`, ...drawn] : rendered ? [`${rendered.title} (v: raw output)`, ...rendered.lines] : rawLines;
  // A picture shows from its top (scrolled by pictureTop); raw output from its newest line (scrollBack).
  const pictureStart = Math.min(pictureTop, Math.max(0, stepLines.length - layout.outputHeight));
  const visibleLines = live || drawn || rendered ? stepLines.slice(pictureStart, pictureStart + layout.outputHeight) : scrollBack > 0 ? stepLines.slice(0, stepLines.length - scrollBack) : stepLines;
  const seenAbove = live || drawn || rendered ? visibleLines.length : (step ? output.seen(step.id) : 0) - scrollBack;
  const commandLines = (step?.command?.trim() ?? '(this step runs no command)').split('\n');
  const textLines = text.split('\n');

  const left = (
    <Box flexDirection="column" width={layout.leftWidth}>
      <StepList steps={state.steps} selected={state.selected} height={layout.stepsHeight} width={layout.leftWidth} />
      {layout.wide ? <Text> </Text> : null}
      <Box flexDirection="column" height={layout.textHeight} overflow="hidden">
        {textLines.slice(0, layout.textHeight).map((line, index) => (
          <Text key={index} wrap="truncate-end">
            {line === '' ? ' ' : line}
          </Text>
        ))}
      </Box>
    </Box>
  );
  const right = (
    <Box flexDirection="column" width={layout.rightWidth}>
      <Lines lines={commandLines.slice(0, layout.commandHeight).map((line, index) => ({ text: `${index === 0 ? '$ ' : '  '}${line}`, tone: 'hint' as const }))} height={layout.commandHeight} />
      {layout.wide ? <Text> </Text> : null}
      {question ? (
        <Lines lines={quizLines} height={layout.outputHeight} />
      ) : (
        <OutputPane lines={visibleLines} seen={seenAbove} {...(step?.logFile ? { logFile: step.logFile } : {})} height={layout.outputHeight} width={layout.rightWidth} />
      )}
      <Lines lines={panel} height={layout.panelHeight} />
    </Box>
  );
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Text bold wrap="truncate-end">{`${state.title}`}</Text>
      {layout.wide ? (
        <Box flexDirection="row" gap={1}>
          {left}
          {right}
        </Box>
      ) : (
        <Box flexDirection="column">
          {left}
          {right}
        </Box>
      )}
      <StatusBar text={statusText} width={columns} />
    </Box>
  );
}
