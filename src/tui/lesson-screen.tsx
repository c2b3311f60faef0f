/**
 * The lesson screen: the title; the steps and the step's text on the left (above when narrow); the
 * command, the output pane (or a quiz question) and the check panel on the right; the status bar. It
 * lays out lines built elsewhere (lesson-screen-lines.ts) at the heights the layout gives.
 */
import { Box, Text } from 'ink';
import type { StepView } from './lesson-state.js';
import type { LessonScreenLines } from './lesson-screen-lines.js';
import { Lines, OutputPane, StatusBar, StepList } from './screens.js';

export interface LessonScreenProps {
  title: string;
  steps: readonly StepView[];
  selected: number;
  lines: LessonScreenLines;
  status: string;
  columns: number;
  rows: number;
}

export function LessonScreen({ title, steps, selected, lines, status, columns, rows }: LessonScreenProps) {
  const { layout } = lines;
  const left = (
    <Box flexDirection="column" width={layout.leftWidth}>
      <StepList steps={steps} selected={selected} height={layout.stepsHeight} width={layout.leftWidth} />
      {layout.wide ? <Text> </Text> : null}
      <Box flexDirection="column" height={layout.textHeight} overflow="hidden">
        {lines.text.map((line, index) => (
          <Text key={index} wrap="truncate-end">
            {line === '' ? ' ' : line}
          </Text>
        ))}
      </Box>
    </Box>
  );
  const right = (
    <Box flexDirection="column" width={layout.rightWidth}>
      <Lines lines={lines.command} height={layout.commandHeight} />
      {layout.wide ? <Text> </Text> : null}
      {lines.quiz ? (
        <Lines lines={lines.quiz} height={layout.outputHeight} />
      ) : (
        <OutputPane lines={lines.pane.lines} seen={lines.pane.seen} {...(lines.logFile ? { logFile: lines.logFile } : {})} cut={lines.pane.cut === true} height={layout.outputHeight} width={layout.rightWidth} />
      )}
      <Lines lines={lines.panel} height={layout.panelHeight} />
    </Box>
  );
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      <Box flexDirection={layout.wide ? 'row' : 'column'} {...(layout.wide ? { gap: 1 } : {})}>
        {left}
        {right}
      </Box>
      <StatusBar text={status} width={columns} />
    </Box>
  );
}
