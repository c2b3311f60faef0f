/**
 * What the output pane shows, as lines, out of the screen's state: the step's raw output scrolled back
 * from its newest line, or a picture (the live topology, a diagram, a step's table or diff) scrolled down
 * from its top. Pure: pictures come through a drawer, so tests need neither Ink nor the renderers.
 */
import type { Diagram } from '../diagrams/schema.js';
import type { LessonScreenState, StepView } from './lesson-state.js';
import { selectedStep } from './lesson-state.js';
import type { PictureDrawer } from './pictures.js';

/** What of the pane's state the lines depend on (a part of the workshop's state). */
export interface PaneState {
  lesson: LessonScreenState;
  /** Lines scrolled back from the newest output line. */
  scrollBack: number;
  /** How far a picture is scrolled down from its top. */
  pictureTop: number;
  /** v: the raw output instead of the step's view. */
  rawOutput: boolean;
  /** d: the diagram over the output. */
  showDiagram: boolean;
  /** t: the live topology, once read. */
  showTopology: boolean;
  topology?: Diagram | undefined;
  /** w: long output lines wrap at the pane instead of being cut. */
  wrapOutput: boolean;
  /** ← →: how many columns the output is scrolled sideways (when not wrapping). */
  outputLeft: number;
}

/**
 * Whether the pane shows a picture of the step rather than its raw output. A step's own diagram shows by
 * itself before it has output; the lesson's only on d.
 */
export function showsPicture(step: StepView | undefined, lesson: LessonScreenState, showDiagram: boolean, rawOutput: boolean, outputLines: number): boolean {
  if (!step) return false;
  const diagram = step.diagram ?? lesson.diagram;
  if (diagram !== undefined && (showDiagram || (step.diagram !== undefined && outputLines === 0 && !lesson.views[step.id]))) return true;
  return lesson.views[step.id] !== undefined && !rawOutput;
}

/** Whether the arrow and page keys scroll a picture (from its top) rather than the output (from its tail). */
export function scrollsPicture(pane: PaneState, outputLines: number): boolean {
  return pane.showTopology || showsPicture(selectedStep(pane.lesson), pane.lesson, pane.showDiagram, pane.rawOutput, outputLines);
}

export interface PaneLines {
  lines: readonly string[];
  /** Lines counted up to the last one shown (the pane says how many came before those it shows). */
  seen: number;
  /** Whether some line shown is wider than the pane (so the pane says which keys show the rest). */
  cut?: boolean;
}

const chars = (line: string): string[] => [...line];

/** Output lines at a width: wrapped (each a row per `width` columns), or shifted `left` columns and marked when wider. */
export function fitOutput(lines: readonly string[], width: number, wrap: boolean, left: number): { lines: string[]; cut: boolean } {
  if (wrap) {
    return {
      lines: lines.flatMap((line) => {
        const all = chars(line);
        if (all.length <= width) return [line];
        const rows: string[] = [];
        for (let at = 0; at < all.length; at += width) rows.push(all.slice(at, at + width).join(''));
        return rows;
      }),
      cut: false,
    };
  }
  let cut = false;
  const shifted = lines.map((line) => {
    const all = chars(line);
    const from = left > 0 ? all.slice(left) : all;
    const prefix = left > 0 && all.length > 0 ? '←' : '';
    const room = width - prefix.length;
    if (from.length <= room) return `${prefix}${from.join('')}`;
    cut = true;
    return `${prefix}${from.slice(0, room - 1).join('')}→`;
  });
  return { lines: shifted, cut };
}

/** The pane's lines at a width and height; `output` is the selected step's kept lines and how many it printed. */
export function outputPaneLines(pane: PaneState, output: { lines: readonly string[]; seen: number }, drawer: PictureDrawer, width: number, height: number): PaneLines {
  const { lesson } = pane;
  const step = selectedStep(lesson);
  const diagramName = step?.diagram ?? lesson.diagram;
  const wantDiagram = diagramName !== undefined && showsPicture(step, lesson, pane.showDiagram, true, output.lines.length);
  const drawn = wantDiagram && diagramName !== undefined ? (drawer.diagram(diagramName, step?.diagram ? step.highlight : undefined, width) ?? ['Drawing the diagram…']) : undefined;
  const stepView = step ? lesson.views[step.id] : undefined;
  const rendered = !drawn && stepView && !pane.rawOutput ? drawer.view(stepView, width) : undefined;
  const live = pane.showTopology && pane.topology ? drawer.topology(pane.topology, width) : undefined;
  const picture = live
    ? ['Your clusters now · t: back', ...live]
    : drawn
      ? [`Diagram: ${diagramName ?? ''}${step?.diagram && step.highlight ? ` (${step.highlight} marked)` : ''} · d: ${output.lines.length > 0 ? 'the output' : 'hide'}`, ...drawn]
      : rendered
        ? [`${rendered.title} (v: raw output)`, ...rendered.lines]
        : undefined;
  if (picture) {
    const start = Math.min(pane.pictureTop, Math.max(0, picture.length - height));
    const lines = picture.slice(start, start + height);
    return { lines, seen: lines.length };
  }
  const kept = pane.scrollBack > 0 ? output.lines.slice(0, output.lines.length - pane.scrollBack) : output.lines;
  // Only the lines that can show are fitted (the store keeps thousands); wrapped, each may take more rows.
  const tail = kept.slice(-Math.max(1, height));
  const fitted = fitOutput(tail, width, pane.wrapOutput, pane.outputLeft);
  const lines = fitted.lines.slice(-Math.max(1, height));
  const extraRows = fitted.lines.length - tail.length;
  return { lines, seen: output.seen - pane.scrollBack + extraRows, cut: fitted.cut || pane.outputLeft > 0 };
}
