/**
 * The lesson screen as lines, out of the workshop's state and the terminal's size: where each part goes,
 * the command, the quiz question, the check panel and the output pane. Pure and width-aware; the
 * components (lesson-screen.tsx) only lay these lines out.
 */
import type { Quiz } from '../lesson/schema.js';
import { checkPanelLines, type PanelClock, type PanelLine } from './check-panel-lines.js';
import { lessonLayout, type LessonLayout } from './layout.js';
import { selectedStep, type StepView } from './lesson-state.js';
import { outputPaneLines, type PaneLines } from './output-pane-lines.js';
import type { PictureDrawer } from './pictures.js';
import type { WorkshopState } from './workshop-state.js';

export interface LessonScreenLines {
  layout: LessonLayout;
  /** The step's command, `$ ` before its first line. */
  command: PanelLine[];
  /** The quiz question and its choices while one waits for an answer (shown in the output's place). */
  quiz?: PanelLine[] | undefined;
  pane: PaneLines;
  logFile?: string | undefined;
  panel: PanelLine[];
  /** The step's text, one entry per line. */
  text: string[];
}

/** The width the step's text is rendered at (the layout's widths depend on the columns alone). */
export function stepTextWidth(columns: number, rows: number): number {
  return Math.max(20, lessonLayout(columns, rows, 0, 1, 0).leftWidth - 1);
}

export function commandLines(step: StepView | undefined, height: number): PanelLine[] {
  const lines = (step?.command?.trim() ?? '(this step runs no command)').split('\n');
  return lines.slice(0, height).map((line, index) => ({ text: `${index === 0 ? '$ ' : '  '}${line}`, tone: 'hint' }));
}

export function quizLines(quiz: Quiz): PanelLine[] {
  return [{ text: quiz.question, tone: 'hint' }, ...quiz.choices.map((choice, index) => ({ text: `  ${index + 1}. ${choice}` })), { text: `Press 1-${quiz.choices.length} to answer, Esc to skip.`, tone: 'muted' }];
}

export interface LessonScreenInputs {
  columns: number;
  rows: number;
  /** The selected step's output: the lines kept and how many it printed. */
  output: { lines: readonly string[]; seen: number };
  /** The selected step's text, rendered. */
  text: string;
  clock: PanelClock;
  drawer: PictureDrawer;
}

export function lessonScreenLines(state: WorkshopState, { columns, rows, output, text, clock, drawer }: LessonScreenInputs): LessonScreenLines {
  const { lesson } = state;
  const step = selectedStep(lesson);
  const commandCount = step?.command?.trim().split('\n').length ?? 1;
  // Widths do not depend on the panel; its height does, so measure the panel at the final width first.
  const { rightWidth } = lessonLayout(columns, rows, lesson.steps.length, commandCount, 0);
  const panel = checkPanelLines(step, (step && lesson.checks[step.id]) ?? [], (step && lesson.hintsShown[step.id]) ?? 0, step ? lesson.solutionShown[step.id] === true : false, rightWidth, clock);
  const layout = lessonLayout(columns, rows, lesson.steps.length, commandCount, panel.length);
  return {
    layout,
    command: commandLines(step, layout.commandHeight),
    quiz: state.quiz ? quizLines(state.quiz) : undefined,
    pane: outputPaneLines(state, output, drawer, layout.rightWidth, layout.outputHeight),
    logFile: step?.logFile,
    panel,
    text: text.split('\n').slice(0, layout.textHeight),
  };
}
