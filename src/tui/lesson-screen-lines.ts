/**
 * The lesson screen as lines, out of the workshop's state and the terminal's size: where each part goes,
 * the command, the quiz question, the check panel and the output pane. Pure and width-aware; the
 * components (lesson-screen.tsx) only lay these lines out.
 */
import type { Quiz } from '../lesson/schema.js';
import { checkPanelLines, type PanelClock, type PanelLine } from './check-panel-lines.js';
import { failureCause, lackLines } from './failure-cause.js';
import { lessonLayout, type LessonLayout } from './layout.js';
import { selectedStep, type StepView } from './lesson-state.js';
import { outputPaneLines, type PaneLines } from './output-pane-lines.js';
import type { PictureDrawer } from './pictures.js';
import type { WorkshopState } from './workshop-state.js';
import { wrapWithPrefix, wrapWords } from '../views/wrap-text.js';

export interface LessonScreenLines {
  layout: LessonLayout;
  /** The step's command, `$ ` before its first line. */
  command: PanelLine[];
  /** The quiz question and its choices while one waits for an answer (shown in the output's place). */
  quiz?: PanelLine[] | undefined;
  pane: PaneLines;
  logFile?: string | undefined;
  panel: PanelLine[];
  /** The step's text, one entry per line, scrolled to where the learner is, with a line saying what is above and below. */
  text: string[];
  /** The step's text, all of it (the keys scroll it). */
  textLines: number;
  /** The command does not fit its preview (c shows it whole). */
  commandCut: boolean;
}

/** The width the step's text is rendered at (the layout's widths depend on the columns alone). */
export function stepTextWidth(columns: number, rows: number): number {
  return Math.max(20, lessonLayout(columns, rows, 0, 1, 0).leftWidth - 1);
}

/** The command (or, for a question, what stands in its place), and a last line saying how much more there is when cut. */
export function commandLines(step: StepView | undefined, height: number, width = Number.POSITIVE_INFINITY): PanelLine[] {
  if (step?.quiz) return [{ text: '? A question, no command: Enter asks it; answer with its number.', tone: 'muted' }];
  const lines = commandRows(step, width);
  const more = (count: number): string => `… ${count} more line${count === 1 ? '' : 's'} (c copies the command and shows it whole)`;
  if (lines.length > 1 && height <= 1) return [{ text: `${lines[0] ?? ''}  ${more(lines.length - 1)}`, tone: 'hint' }];
  const shown = lines.length > height ? lines.slice(0, height - 1) : lines;
  const command: PanelLine[] = shown.map((text) => ({ text, tone: 'hint' }));
  if (shown.length < lines.length) command.push({ text: `  ${more(lines.length - shown.length)}`, tone: 'muted' });
  return command;
}

/** The command's rows at a width: `$ ` before its first line, a line wider than the pane wrapped under itself. */
/** What stands in a task's command place: it is the learner's turn, and where to do it. */
export function taskLine(task: NonNullable<StepView['task']>): string {
  const file = task.scaffold ? `, e opens ${task.scaffold.split('/').pop() ?? task.scaffold} in your editor` : '';
  return `» your turn: s opens a shell${file}; Enter checks your work`;
}

export function commandRows(step: StepView | undefined, width = Number.POSITIVE_INFINITY): string[] {
  if (step?.task) return wrapWords(taskLine(step.task), Number.isFinite(width) ? width : Number.MAX_SAFE_INTEGER);
  const lines = (step?.command?.trim() ?? '(this step runs no command)').split('\n');
  return lines.flatMap((line, index) => {
    const prefix = index === 0 ? '$ ' : '  ';
    if (!Number.isFinite(width) || [...prefix, ...line].length <= width) return [`${prefix}${line}`];
    // Broken after a space where there is one in the row's second half, else at the pane's edge.
    const rows: string[] = [];
    let rest = [...line];
    let lead = prefix;
    while (rest.length > 0) {
      const room = Math.max(8, width - lead.length);
      let take = rest.length <= room ? rest.length : room;
      if (take < rest.length) {
        const space = rest.slice(0, room).lastIndexOf(' ');
        if (space >= room / 2) take = space + 1;
      }
      rows.push(`${lead}${rest.slice(0, take).join('').trimEnd()}`);
      rest = rest.slice(take);
      lead = '    ';
    }
    return rows;
  });
}

export interface QuizMarks {
  /** Choices the learner has tried that are not the answer. */
  wrong?: readonly number[];
  /** The step has been answered right: the answer marked and the explanation shown. */
  answered?: boolean;
  /** Waiting for the learner's number. */
  waiting?: boolean;
}

/** The question and its choices wrapped to the pane, the wrong tries marked, and what to do now (or why the answer is right). */
export function quizLines(quiz: Quiz, width = Number.POSITIVE_INFINITY, marks: QuizMarks = { waiting: true }): PanelLine[] {
  const wrong = marks.wrong ?? [];
  const wrap = (text: string, prefix: string, tone?: PanelLine['tone']): PanelLine[] => {
    const lines = Number.isFinite(width) ? wrapWithPrefix(text, prefix, width) : [`${prefix}${text}`];
    return lines.map((line) => (tone ? { text: line, tone } : { text: line }));
  };
  const choices = quiz.choices.flatMap((choice, index) => {
    const number = index + 1;
    const mark = wrong.includes(number) ? '✗' : marks.answered && number === quiz.answer ? '✓' : ' ';
    return wrap(choice, `${mark} ${number}. `, mark === '✗' ? 'fail' : mark === '✓' ? 'ok' : undefined);
  });
  const footer: PanelLine[] = marks.answered
    ? wrap(quiz.explanation, `✓ Right: ${quiz.answer}. `, 'ok')
    : marks.waiting
      ? wrong.length > 0
        ? wrap(`Not quite. Press another number (1-${quiz.choices.length}), or Esc to skip.`, '✗ ', 'fail')
        : [{ text: `Press 1-${quiz.choices.length} to answer, Esc to skip.`, tone: 'muted' }]
      : [{ text: 'Enter asks the question.', tone: 'muted' }];
  return [...wrap(quiz.question, '', 'hint'), ...choices, ...footer];
}

/**
 * The step's text in `height` lines from `top`: when it does not fit, a line says how many lines are
 * above or below and which key brings them.
 */
export function textWindow(lines: readonly string[], height: number, top: number): string[] {
  if (lines.length <= height) return [...lines];
  if (height <= 1) return [`↓ ${lines.length} lines (] scrolls)`];
  const start = Math.max(0, Math.min(top, lines.length - (height - 1)));
  const above = start > 0 ? [`↑ ${start} lines above ([ scrolls up)`] : [];
  let room = height - above.length;
  if (start + room < lines.length) room -= 1;
  const shown = lines.slice(start, start + room);
  const below = lines.length - start - shown.length;
  return [...above, ...shown, ...(below > 0 ? [`↓ ${below} more lines (] scrolls down)`] : [])];
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
  /** What this machine lacks for the lesson (the doctor's words), shown with a fix for each. */
  missing?: readonly string[] | undefined;
}

export function lessonScreenLines(state: WorkshopState, { columns, rows, output, text, clock, drawer, missing }: LessonScreenInputs): LessonScreenLines {
  const { lesson } = state;
  const step = selectedStep(lesson);
  // Widths do not depend on the panel or the command; heights do, so measure those at the final width first.
  const { rightWidth } = lessonLayout(columns, rows, lesson.steps.length, 1, 0);
  const commandCount = step?.quiz ? 1 : commandRows(step, rightWidth).length;
  const panel = checkPanelLines(step, (step && lesson.checks[step.id]) ?? [], (step && lesson.hintsShown[step.id]) ?? 0, step ? lesson.solutionShown[step.id] === true : false, rightWidth, clock, {
    lacks: missing && missing.length > 0 ? lackLines(missing) : undefined,
    cause: step?.state === 'failed' ? failureCause(output.lines, step.reason) : undefined,
    typed: step ? lesson.typed[step.id] : undefined,
    fileNotes: step ? lesson.fileNotes[step.id] : undefined,
  });
  const quiz = state.quiz ?? step?.quiz;
  const quizShown = quiz ? quizLines(quiz, rightWidth, { wrong: state.quiz ? (state.quizWrong ?? []) : [], answered: !state.quiz && step?.state === 'passed', waiting: state.quiz !== undefined }) : undefined;
  const textLines = text === '' ? [] : text.split('\n');
  const layout = lessonLayout(columns, rows, lesson.steps.length, commandCount, panel.length, { text: textLines.length, output: quizShown ? quizShown.length : output.lines.length });
  return {
    layout,
    command: commandLines(step, layout.commandHeight, layout.rightWidth),
    quiz: quizShown,
    pane: outputPaneLines(state, output, drawer, layout.rightWidth, layout.outputHeight),
    logFile: step?.logFile,
    panel: panel.length > layout.panelHeight && layout.panelHeight > 0 ? [...panel.slice(0, layout.panelHeight - 1), { text: `… ${panel.length - layout.panelHeight + 1} more lines (a taller terminal shows them)`, tone: 'muted' }] : panel,
    text: textWindow(textLines, layout.textHeight, state.textTop),
    textLines: textLines.length,
    commandCut: !step?.quiz && commandCount > layout.commandHeight,
  };
}
