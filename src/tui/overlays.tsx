/** What shows over a screen until the next key: the keys (`?`), and a command alone for copying (`c`). */
import { Box, Text } from 'ink';
import type { PanelLine } from './check-panel-lines.js';
import { helpLines, type Screen } from './keymap.js';
import { Lines, StatusBar } from './screens.js';

/** The keys of the screen underneath, from the keymap. */
export function KeysOverlay({ screen, classroom = false, columns, rows }: { screen: Screen; classroom?: boolean; columns: number; rows: number }) {
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Text bold>Keys</Text>
      <Lines lines={helpLines(screen, classroom).map((line) => ({ text: line }))} height={rows - 3} />
      <StatusBar text="Press any key to close." width={columns} />
    </Box>
  );
}

/** Nothing else on the screen and no prefix, so a mouse selection takes the command and only it. */
export function CommandForCopying({ command, message, columns, rows }: { command: string; message: string; columns: number; rows: number }) {
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Box flexDirection="column" height={rows - 2} overflow="hidden">
        {command.split('\n').map((line, index) => (
          <Text key={index}>{line === '' ? ' ' : line}</Text>
        ))}
      </Box>
      <StatusBar text={`Any key: back. ${message}`} width={columns} />
    </Box>
  );
}

/** The lesson-complete view: how it went and what comes next (lines from lesson-complete-lines.ts). */
export function LessonCompleteView({ lines, status, columns, rows }: { lines: readonly PanelLine[]; status: string; columns: number; rows: number }) {
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Lines lines={lines} height={rows - 2} />
      <StatusBar text={status} width={columns} />
    </Box>
  );
}
