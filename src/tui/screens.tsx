/**
 * The screens, as thin Ink views over state computed elsewhere (lesson-state, home-rows, check-panel-lines).
 * Every height is a number passed down from the app, so the live frame stays below the terminal's height.
 */
import { Box, Text } from 'ink';
import type { HomeRow } from './home-rows.js';
import type { PanelLine } from './check-panel-lines.js';
import type { StepView } from './lesson-state.js';
import { STEP_GLYPH } from './glyphs.js';

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
  const titleWidth = Math.max(10, Math.min(Math.max(...rows.map((row) => row.title.length)), width - 40));
  const room = height - 4 - (notice ? 1 : 0);
  const first = Math.max(0, Math.min(selected - Math.floor(room / 2), rows.length - room));
  const visible = rows.slice(first, first + Math.max(1, room));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>mesh-workshop: Istio service-mesh lessons on kind</Text>
      {notice ? (
        <Text wrap="truncate-end" {...(notice.tone && TONE_COLOR[notice.tone] ? { color: TONE_COLOR[notice.tone] } : {})}>
          {notice.text}
        </Text>
      ) : null}
      <Text color="gray">✓ done  ◐ in progress  ○ not started</Text>
      <Box flexDirection="column" marginTop={1}>
        {visible.map((row, index) => {
          const isSelected = first + index === selected;
          // What this machine lacks comes first, so a narrow terminal cuts the list of needs, not the warning.
          const missing = row.missing.length > 0 ? `  missing ${row.missing.join(', ')};` : '';
          return (
            <Text key={row.id} wrap="truncate-end" inverse={isSelected}>
              {`${isSelected ? '›' : ' '} ${row.glyph} ${row.title.slice(0, titleWidth).padEnd(titleWidth)} ${row.done.padStart(5)} ${row.estimate.padStart(4)}${missing}  needs ${row.needs}`}
            </Text>
          );
        })}
      </Box>
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

/** The newest lines that fit; `seen` counts every line up to the last one shown, kept or not. */
export function OutputPane({ lines, seen, logFile, height, width }: { lines: readonly string[]; seen: number; logFile?: string; height: number; width: number }) {
  const room = seen > height ? Math.max(0, height - 1) : height;
  const hidden = seen - Math.min(room, lines.length);
  const note = hidden > 0 ? `… ${hidden} earlier lines${logFile ? ` (all in ${logFile})` : ''}` : undefined;
  return (
    <Box flexDirection="column" height={height} width={width} overflow="hidden">
      {note ? (
        <Text color="gray" wrap="truncate-end">
          {note}
        </Text>
      ) : null}
      {lines.slice(-room).map((line, index) => (
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
