/**
 * How `c` gets a step's command to the learner: OSC 52 puts it on the clipboard in terminals that accept
 * it (most do, over SSH too). Some never do, and tmux or screen pass it on only when set up to, so there
 * the command is also shown alone on the screen, ready to select with the mouse.
 */
export interface CopyPlan {
  /** The OSC 52 sequence to write, when the terminal may accept it. */
  sequence?: string;
  /** Why the command is shown for selecting as well (undefined: the sequence is enough). */
  showBecause?: string;
}

export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text).toString('base64')}\u0007`;
}

export function copyPlan(text: string, env: NodeJS.ProcessEnv): CopyPlan {
  if (env.TERM_PROGRAM === 'Apple_Terminal') return { showBecause: 'Terminal.app does not let programs set the clipboard' };
  if (env.TERM === 'linux') return { showBecause: 'the Linux console has no clipboard' };
  if (env.TMUX) return { sequence: osc52(text), showBecause: 'tmux passes it on only with set-clipboard on' };
  if (env.STY || env.TERM?.startsWith('screen')) return { sequence: osc52(text), showBecause: 'GNU screen does not pass clipboard requests on' };
  return { sequence: osc52(text) };
}

/** What the status line says after `c`. */
export function copiedMessage(text: string, plan: CopyPlan): string {
  const lines = text.split('\n').length;
  const what = lines === 1 ? 'the command' : `the command (${lines} lines)`;
  if (!plan.sequence) return `Select ${what} with the mouse to copy it: ${plan.showBecause ?? ''}.`;
  if (plan.showBecause) return `Sent ${what} to the clipboard (${plan.showBecause}); or select it here.`;
  return `Copied ${what} to the clipboard (OSC 52).`;
}
