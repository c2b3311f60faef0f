/**
 * `mesh-workshop replay`: a recording played step by step beside the lesson's text. Draws playerLines,
 * keys go through the keymap, the playhead moves on a timer while it plays (src/recording/player-state.ts).
 */
import { Box, useApp, useInput } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import { playerLines, type PlayerModel } from '../recording/player-lines.js';
import { initialPlayerState, playerReducer, SEEK_SECONDS } from '../recording/player-state.js';
import { actionForKey, splitKeys } from './keymap.js';
import { ScreenLines } from './presenter-screen.js';
import { useTerminalSize } from './use-terminal-size.js';

const TICK_MS = 50;

export function PlayerScreen({ model, speed, onWatched }: { model: PlayerModel; speed: number; onWatched: (stepId: string) => void }) {
  const [state, dispatch] = useReducer(playerReducer, model.events, (events) => initialPlayerState(events, speed));
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize();
  const watched = useRef(new Set<string>());

  useEffect(() => {
    if (!state.playing) return;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      dispatch({ type: 'tick', ms: now - last });
      last = now;
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [state.playing]);

  // A step played to its end counts as watched (progress keeps it apart from passed).
  const index = state.current;
  const step = index === undefined ? undefined : model.steps[index];
  const playedToEnd = step !== undefined && (state.position >= step.end || state.position >= state.duration);
  useEffect(() => {
    if (!step || !playedToEnd || watched.current.has(step.id)) return;
    watched.current.add(step.id);
    onWatched(step.id);
  }, [step, playedToEnd, onWatched]);

  useInput((input, key) => {
    for (const press of splitKeys({ input, ...key })) {
      const action = actionForKey(press, { screen: 'player', running: false });
      if (action === 'quit') exit();
      else if (action === 'player-next') dispatch({ type: 'next-step' });
      else if (action === 'toggle-pause') dispatch({ type: 'toggle-pause' });
      else if (action === 'seek-back' || action === 'seek-forward') dispatch({ type: 'seek', seconds: action === 'seek-back' ? -SEEK_SECONDS : SEEK_SECONDS });
    }
  });

  const lines = playerLines(model, state, columns, rows);
  const bodyHeight = Math.max(1, rows - lines.header.length - lines.footer.length);
  return (
    <Box flexDirection="column" height={rows}>
      <ScreenLines lines={lines.header} height={lines.header.length} />
      {lines.sideBySide ? (
        <Box flexDirection="row" height={bodyHeight}>
          <Box width={lines.leftWidth} flexShrink={0} marginRight={2}>
            <ScreenLines lines={lines.left} height={bodyHeight} />
          </Box>
          <Box width={Math.max(1, columns - lines.leftWidth - 2)} overflow="hidden">
            <ScreenLines lines={lines.right} height={bodyHeight} />
          </Box>
        </Box>
      ) : (
        <ScreenLines lines={[...lines.left, { text: '' }, ...lines.right]} height={bodyHeight} />
      )}
      <ScreenLines lines={lines.footer} height={lines.footer.length} />
    </Box>
  );
}
