/**
 * The screens, as thin Ink views over state computed elsewhere (lesson-state, home-rows, check-panel-lines).
 * Every height is a number passed down from the app, so the live frame stays below the terminal's height.
 */
import { Box, Text } from 'ink';
import type { HomeRow } from './home-rows.js';
import type { PanelLine } from './check-panel-lines.js';
import type { StepView } from './lesson-state.js';
import { STEP_GLYPH } from './glyphs.js';
import { homeScreenLines } from './home-screen-lines.js';
import { wrapWithPrefix } from '../views/wrap-text.js';

const TONE_COLOR: Record<NonNullable<PanelLine['tone']>, string | undefined> = { ok: 'green', fail: 'red', muted: 'gray', hint: 'yellow' };

export function Lines({ lines, height }: { lines: readonly PanelLine[]; height: number }) {
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {lines.slice(0, height).map((line, index) => (
        <Text key={index} wrap="truncate-end" {...(line.tone && TONE_COLOR[line.tone] ? { color: TONE_COLOR[line.tone] } : {})}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}

export function HomeScreen({ rows, selected, width, height, notice }: { rows: readonly HomeRow[]; selected: number; width: number; height: number; notice?: PanelLine }) {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {homeScreenLines(rows, selected, width, height, notice).map((line, index) => (
        <Text key={index} wrap="truncate-end" bold={line.bold === true} inverse={line.selected === true} {...(line.tone && TONE_COLOR[line.tone] ? { color: TONE_COLOR[line.tone] } : {})}>
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
    </Box>
  );
}

export function StepList({ steps, selected, height, width }: { steps: readonly StepView[]; selected: number; height: number; width: number }) {
  const first = Math.max(0, Math.min(selected - Math.floor(height / 2), steps.length - height));
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {steps.slice(first, first + height).map((step, index) => {
        const isSelected = first + index === selected;
        const color = step.state === 'passed' ? 'green' : step.state === 'failed' ? 'red' : step.state === 'running' ? 'cyan' : undefined;
        return (
          <Text key={step.id} wrap="truncate-end" inverse={isSelected} {...(color ? { color } : {})}>
            {`${isSelected ? '›' : ' '}${STEP_GLYPH[step.state]} ${first + index + 1}. ${step.phase === 'steps' ? '' : `(${step.phase}) `}${step.optional ? '(optional) ' : ''}${step.title}`}
          </Text>
        );
      })}
    </Box>
  );
}

/**
 * The newest lines that fit; `seen` counts every line up to the last one shown, kept or not. Above them,
 * when some are hidden, how many and the log that has them all (its path whole, over as many rows as it
 * needs), and when a line is wider than the pane, the keys that show the rest.
 */
export function OutputPane({ lines, seen, logFile, cut, height, width }: { lines: readonly string[]; seen: number; logFile?: string; cut?: boolean; height: number; width: number }) {
  const notes = (hidden: number): string[] => [
    ...(hidden > 0 ? wrapWithPrefix(`${hidden} earlier lines${logFile ? ` (all in ${logFile})` : ''}`, '… ', width) : []),
    ...(cut ? ['(long lines cut at the pane: w wraps them, ← → scroll sideways)'] : []),
  ];
  // The notes take rows from the lines, so work out how many lines are hidden with them in place.
  let room = height;
  for (let pass = 0; pass < 2; pass += 1) room = Math.max(0, height - notes(seen - Math.min(room, lines.length)).length);
  const note = notes(seen - Math.min(room, lines.length)).slice(0, height);
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {note.map((text, index) => (
        <Text key={`note-${index}`} color="gray" wrap="truncate-end">
          {text}
        </Text>
      ))}
      {(room > 0 ? lines.slice(-room) : []).map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}

export function StatusBar({ text, width }: { text: string; width: number }) {
  return (
    <Box width={width} height={1}>
      <Text inverse wrap="truncate-end">
        {text.padEnd(width)}
      </Text>
    </Box>
  );
}
