// A step's docs as lines: terminal hyperlinks (OSC 8) where the terminal shows them, `title: URL` elsewhere;
// an address is never cut, and nothing in a title or address can end the link or send a sequence of its own.
import { describe, expect, it } from 'vitest';
import { docLinkLines, hyperlinksSupported, osc8 } from '../../src/views/doc-links.js';
import { plainText } from '../../src/terminal-text.js';

const ESC = '\u001b';
const MULTI_PRIMARY = { title: 'istio.io: Install Multi-Primary', url: 'https://istio.io/latest/docs/setup/install/multicluster/multi-primary/' };
const KIND_LB = { title: 'kind: LoadBalancer', url: 'https://kind.sigs.k8s.io/docs/user/loadbalancer/' };

describe('docLinkLines with hyperlinks', () => {
  it('draws each title as an OSC 8 link to its address, followed by nothing else', () => {
    expect(docLinkLines([MULTI_PRIMARY, KIND_LB], 80, { hyperlinks: true })).toEqual([
      `${ESC}]8;;https://istio.io/latest/docs/setup/install/multicluster/multi-primary/${ESC}\\istio.io: Install Multi-Primary${ESC}]8;;${ESC}\\`,
      `${ESC}]8;;https://kind.sigs.k8s.io/docs/user/loadbalancer/${ESC}\\kind: LoadBalancer${ESC}]8;;${ESC}\\`,
    ]);
  });

  it('shows only the title: what a person reads is the words, and the address rides in the link', () => {
    expect(docLinkLines([MULTI_PRIMARY], 80, { hyperlinks: true }).map(plainText)).toEqual(['istio.io: Install Multi-Primary']);
  });

  it('wraps a long title at words, each line a link of its own to the same address', () => {
    const lines = docLinkLines([MULTI_PRIMARY], 20, { hyperlinks: true });
    expect(lines.map(plainText)).toEqual(['istio.io: Install', 'Multi-Primary']);
    expect(lines).toEqual([osc8(MULTI_PRIMARY.url, 'istio.io: Install'), osc8(MULTI_PRIMARY.url, 'Multi-Primary')]);
  });
});

describe('docLinkLines without hyperlinks', () => {
  it('writes title: URL, one page a line, when it fits', () => {
    expect(docLinkLines([MULTI_PRIMARY, KIND_LB], 110, { hyperlinks: false })).toEqual([
      'istio.io: Install Multi-Primary: https://istio.io/latest/docs/setup/install/multicluster/multi-primary/',
      'kind: LoadBalancer: https://kind.sigs.k8s.io/docs/user/loadbalancer/',
    ]);
  });

  it('puts an address that does not fit beside its title on a line of its own, whole, even wider than the screen', () => {
    expect(docLinkLines([MULTI_PRIMARY, KIND_LB], 60, { hyperlinks: false })).toEqual([
      'istio.io: Install Multi-Primary:',
      'https://istio.io/latest/docs/setup/install/multicluster/multi-primary/',
      'kind: LoadBalancer:',
      '  https://kind.sigs.k8s.io/docs/user/loadbalancer/',
    ]);
    for (const width of [1, 10, 30, 49, 50, 51, 72, 101]) {
      const lines = docLinkLines([MULTI_PRIMARY, KIND_LB], width, { hyperlinks: false });
      for (const { url } of [MULTI_PRIMARY, KIND_LB]) expect(lines.some((line) => line.trim() === url || line.endsWith(`: ${url}`)), `width ${width}`).toBe(true);
      for (const line of lines) if (!line.includes('https://')) expect(line.length, `width ${width}: ${line}`).toBeLessThanOrEqual(Math.max(width, ...line.split(' ').map((word) => word.length)));
    }
  });

  it('wraps a long title at words before the address', () => {
    expect(docLinkLines([MULTI_PRIMARY], 12, { hyperlinks: false })).toEqual(['istio.io:', 'Install', 'Multi-Primary:', MULTI_PRIMARY.url]);
  });

  it('draws nothing for a step without docs', () => {
    expect(docLinkLines([], 80, { hyperlinks: true })).toEqual([]);
    expect(docLinkLines([], 80, { hyperlinks: false })).toEqual([]);
  });
});

describe('what a title or an address may not carry', () => {
  const hostile = { title: `Evil${ESC}]8;;https://example.com/${ESC}\\ title\u0007`, url: `https://istio.io/${ESC}]0;owned\u0007x y` };

  it('no control character reaches the screen: the link cannot be ended early or the title set', () => {
    const [line] = docLinkLines([hostile], 200, { hyperlinks: true });
    expect(line).toBe(osc8('https://istio.io/]0;ownedxy', 'Evil ]8;;https://example.com/ \\ title'));
    // Exactly the two sequences of one link, and no BEL.
    expect(line?.split(ESC).length).toBe(5);
    expect(line).not.toContain('\u0007');
    const [plain] = docLinkLines([hostile], 200, { hyperlinks: false });
    expect(plain).toBe('Evil ]8;;https://example.com/ \\ title: https://istio.io/]0;ownedxy');
  });

  it('a page without a title is shown by its address', () => {
    expect(docLinkLines([{ title: ' ', url: KIND_LB.url }], 80, { hyperlinks: false })).toEqual([KIND_LB.url]);
    expect(docLinkLines([{ title: '', url: KIND_LB.url }], 80, { hyperlinks: true })).toEqual([osc8(KIND_LB.url, KIND_LB.url)]);
  });
});

describe('hyperlinksSupported', () => {
  it('says yes in terminals known to show OSC 8 links', () => {
    expect(hyperlinksSupported({ TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.5.0' }, true)).toBe(true);
    expect(hyperlinksSupported({ TERM_PROGRAM: 'vscode', TERM_PROGRAM_VERSION: '1.95.3' }, true)).toBe(true);
    expect(hyperlinksSupported({ TERM_PROGRAM: 'WezTerm' }, true)).toBe(true);
    expect(hyperlinksSupported({ TERM: 'xterm-kitty' }, true)).toBe(true);
    expect(hyperlinksSupported({ TERM: 'xterm-256color', VTE_VERSION: '7402' }, true)).toBe(true);
    expect(hyperlinksSupported({ WT_SESSION: 'abc' }, true)).toBe(true);
  });

  it('says no where links would be lost: not a terminal, tmux, screen, the Linux console, old or unknown terminals', () => {
    expect(hyperlinksSupported({ TERM_PROGRAM: 'WezTerm' }, false)).toBe(false);
    expect(hyperlinksSupported({ TERM_PROGRAM: 'WezTerm', TMUX: '/tmp/tmux-1000/default,1,0' }, true)).toBe(false);
    expect(hyperlinksSupported({ TERM: 'screen-256color' }, true)).toBe(false);
    expect(hyperlinksSupported({ TERM: 'linux' }, true)).toBe(false);
    expect(hyperlinksSupported({ TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.0.15' }, true)).toBe(false);
    expect(hyperlinksSupported({ TERM: 'xterm-256color', VTE_VERSION: '5000' }, true)).toBe(false);
    expect(hyperlinksSupported({ TERM_PROGRAM: 'Apple_Terminal' }, true)).toBe(false);
    expect(hyperlinksSupported({ TERM: 'xterm-256color' }, true)).toBe(false);
  });

  it('FORCE_HYPERLINK decides for the learner', () => {
    expect(hyperlinksSupported({ FORCE_HYPERLINK: '1', TERM: 'linux' }, false)).toBe(true);
    expect(hyperlinksSupported({ FORCE_HYPERLINK: '0', TERM_PROGRAM: 'WezTerm' }, true)).toBe(false);
    expect(hyperlinksSupported({ FORCE_HYPERLINK: '', TERM_PROGRAM: 'WezTerm' }, true)).toBe(true);
  });
});
