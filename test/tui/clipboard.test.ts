import { describe, expect, it } from 'vitest';
import { copiedMessage, copyPlan, osc52 } from '../../src/tui/clipboard.js';

describe('copyPlan', () => {
  const command = 'kubectl get pods\n  -n istio-system';
  it('sends OSC 52 with the whole command, base64-encoded, where the terminal takes it', () => {
    const plan = copyPlan(command, { TERM: 'xterm-256color' });
    expect(plan).toEqual({ sequence: `\u001b]52;c;${Buffer.from(command).toString('base64')}\u0007` });
    expect(Buffer.from(osc52(command).slice('\u001b]52;c;'.length, -1), 'base64').toString()).toBe(command);
    expect(copiedMessage(command, plan)).toBe('Copied the command (2 lines) to the clipboard (OSC 52).');
  });
  it('also shows the command for selecting inside tmux or screen, which may not pass the request on', () => {
    const plan = copyPlan(command, { TERM: 'tmux-256color', TMUX: '/tmp/tmux-1000/default,1,0' });
    expect(plan.sequence).toBeDefined();
    expect(plan.showBecause).toMatch(/tmux/);
    expect(copyPlan('ls', { TERM: 'screen', STY: '1.pts-0' }).showBecause).toMatch(/screen/);
  });
  it('only shows it where the terminal never takes it', () => {
    const plan = copyPlan('ls', { TERM_PROGRAM: 'Apple_Terminal', TERM: 'xterm-256color' });
    expect(plan.sequence).toBeUndefined();
    expect(copiedMessage('ls', plan)).toBe('Select the command with the mouse to copy it: Terminal.app does not let programs set the clipboard.');
    expect(copyPlan('ls', { TERM: 'linux' }).sequence).toBeUndefined();
  });
});
