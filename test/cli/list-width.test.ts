// `mesh-workshop list` in a real 80-column terminal: every line the command wrote fits (tmux's rows are
// joined back into lines, so one that wrapped would show as too long), and every word of every title is there.
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';
import { HAS_TMUX, TmuxSession } from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
afterAll(() => {
  for (const session of sessions) session.kill();
});

describe.runIf(HAS_TMUX)('list in a terminal', () => {
  it('fits 80 columns, words whole', async () => {
    const session = new TmuxSession(`MESH_WORKSHOP_HOME=${tempDir('mw-list-home-')} NO_COLOR=1 ${process.execPath} ${BIN} list; echo LISTED; sleep 30`, 80, 60);
    sessions.push(session);
    const screen = await session.waitFor((text) => text.includes('LISTED'), 'the list', 15_000, { joined: true });
    const lines = screen.split('\n');
    expect(lines.filter((line) => line.length > 80)).toEqual([]);
    expect(screen).toContain('Separate meshes that trust each other, on one network and');
    expect(screen).toMatch(/^ {2}8 {2}vm {2}70m$/m);
  });
});
