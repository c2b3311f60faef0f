/**
 * Where the lesson screen's parts go for a terminal size: side by side when wide, stacked when narrow,
 * and every height a number, so the frame always stays one line below the terminal's height.
 */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;
const WIDE_COLUMNS = 110;

export interface LessonLayout {
  wide: boolean;
  /** Widths of the left (steps, text) and right (command, output, checks) columns; equal to the screen when stacked. */
  leftWidth: number;
  rightWidth: number;
  titleHeight: number;
  stepsHeight: number;
  textHeight: number;
  commandHeight: number;
  outputHeight: number;
  panelHeight: number;
}

export function tooSmall(columns: number, rows: number): string | undefined {
  return columns < MIN_COLUMNS || rows < MIN_ROWS ? `Make the terminal at least ${MIN_COLUMNS}×${MIN_ROWS} (it is ${columns}×${rows}).` : undefined;
}

/** `panelLines` is how many lines the check panel wants; it gets at most a third of the room. */
export function lessonLayout(columns: number, rows: number, stepCount: number, commandLines: number, panelLines: number): LessonLayout {
  const usable = rows - 1 - 1; // one line below the terminal's height, one for the status bar
  const titleHeight = 1;
  const body = usable - titleHeight;
  const commandHeight = Math.min(Math.max(commandLines, 1), 4);
  if (columns >= WIDE_COLUMNS) {
    const leftWidth = Math.floor(columns * 0.4);
    const stepsHeight = Math.min(stepCount, Math.floor(body / 2));
    const panelHeight = Math.min(panelLines, Math.floor(body / 3));
    return {
      wide: true,
      leftWidth,
      rightWidth: columns - leftWidth - 1,
      titleHeight,
      stepsHeight,
      textHeight: body - stepsHeight - 1,
      commandHeight,
      outputHeight: Math.max(1, body - commandHeight - panelHeight - 1),
      panelHeight,
    };
  }
  const stepsHeight = Math.min(stepCount, 5);
  const textHeight = Math.min(4, Math.floor(body / 5));
  const panelHeight = Math.min(panelLines, Math.floor(body / 3));
  return {
    wide: false,
    leftWidth: columns,
    rightWidth: columns,
    titleHeight,
    stepsHeight,
    textHeight,
    commandHeight,
    outputHeight: Math.max(1, body - stepsHeight - textHeight - commandHeight - panelHeight),
    panelHeight,
  };
}
