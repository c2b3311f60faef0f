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

/** How many lines the step's text and the output pane would fill (stacked, the text takes what the output leaves). */
export interface LayoutWants {
  text?: number | undefined;
  output?: number | undefined;
}

/**
 * `panelLines` is how many lines the check panel wants; it gets at most a third of the room (half, side by
 * side). The command gets its lines up to half the room; the panel shows it is cut when it is.
 */
export function lessonLayout(columns: number, rows: number, stepCount: number, commandLines: number, panelLines: number, wants: LayoutWants = {}): LessonLayout {
  const usable = rows - 1 - 1; // one line below the terminal's height, one for the status bar
  const titleHeight = 1;
  const body = usable - titleHeight;
  const commandHeight = Math.min(Math.max(commandLines, 1), Math.max(4, Math.floor(body / 2)));
  if (columns >= WIDE_COLUMNS) {
    const leftWidth = Math.floor(columns * 0.4);
    const stepsHeight = Math.min(stepCount, Math.floor(body / 2));
    const panelHeight = Math.min(panelLines, Math.floor(body / 2), Math.max(0, body - commandHeight - 1 - 3));
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
  // Every height comes out of what is left, so they add up to the room exactly: a part given more than
  // its share would push the others together, and Ink would draw them over each other.
  const rest = body - stepsHeight;
  const stackedCommand = Math.min(commandHeight, Math.max(1, Math.floor(rest * 0.4)));
  const room = rest - stackedCommand;
  // The output keeps at least two lines, and a third of the room once it has more to show than that;
  // the checks come next (what failed and why matter most then), and the text takes what is left.
  const outputShare = Math.max(2, Math.min(wants.output ?? room, Math.floor(room / 3)));
  const panelHeight = Math.max(0, Math.min(panelLines, Math.max(Math.floor(body / 3), room - 1 - outputShare), room - 3));
  const textHeight = Math.max(1, Math.min(wants.text ?? 4, room - panelHeight - Math.max(2, Math.min(wants.output ?? room, Math.floor(room / 2)))));
  return {
    wide: false,
    leftWidth: columns,
    rightWidth: columns,
    titleHeight,
    stepsHeight,
    textHeight,
    commandHeight: stackedCommand,
    outputHeight: room - panelHeight - textHeight,
    panelHeight,
  };
}
