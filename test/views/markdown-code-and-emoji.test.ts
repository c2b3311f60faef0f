// What the shipped bundle does with code blocks and `:name:` words: marked-terminal's highlighter and emoji
// table are left out of the package (src/views/marked-terminal-trims.ts), and the tests load the same
// stand-ins (vitest.config.ts), so this is what a learner sees.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

let renderMarkdown: (markdown: string, width: number) => Promise<string>;

beforeAll(async () => {
  // Colour on before chalk is first loaded (by marked-terminal, lazily): the code style only shows in colour.
  vi.stubEnv('FORCE_COLOR', '1');
  ({ renderMarkdown } = await import('../../src/views/markdown.js'));
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('lesson Markdown as shipped', () => {
  it('paints a code block whole in the code style, each line intact', async () => {
    const text = await renderMarkdown('Run:\n\n    kubectl get pods -n default\n    istioctl proxy-status\n', 60);
    // Each line of the block in one colour, no token of it coloured apart (as a highlighter would).
    expect(text.split('\n')).toEqual(expect.arrayContaining(['  \u001b[33mkubectl get pods -n default\u001b[39m', '  \u001b[33mistioctl proxy-status\u001b[39m']));
  });

  it('keeps :name: words as written', async () => {
    const text = await renderMarkdown('Ports :x: and :smile: stay, so does :15443:.', 60);
    expect(text).toContain(':x:');
    expect(text).toContain(':smile:');
    expect(text).not.toMatch(/[\u{1F300}-\u{1FAFF}\u274C]/u);
  });
});
