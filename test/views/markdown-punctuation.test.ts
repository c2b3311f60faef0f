// Lesson text never breaks a line before a comma or a closing bracket: marked-terminal's reflow counted a
// colour code as a word, so `istiod` could end a line and `, into istio-system` begin the next.
import wrapAnsi from 'wrap-ansi';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/terminal-text.js';
import { keepPunctuationWithItsWord, renderMarkdown } from '../../src/views/markdown.js';

const wrap = (text: string, columns: number): string => wrapAnsi(text, columns, { hard: true, trim: true });
const words = (lines: readonly string[]): string => plainText(lines.join(' ')).replace(/\s+/g, ' ').replace(/ ([,.;:)])/g, '$1').trim();

describe('keepPunctuationWithItsWord', () => {
  it('wraps the paragraph again so the comma stays on its word, colour kept', () => {
    const broken = ['`istioctl` puts the control plane, \u001b[1mistiod\u001b[22m', ', into \u001b[33mistio-system\u001b[39m, and with the default', 'profile a gateway.'];
    const fixed = keepPunctuationWithItsWord(broken, 40, wrap);
    expect(fixed.map(plainText).filter((line) => /^\s*[,;:)]/.test(line))).toEqual([]);
    expect(fixed.map(plainText).every((line) => line.length <= 40)).toBe(true);
    expect(words(fixed)).toBe(words(broken));
    expect(fixed.join('\n')).toContain('\u001b[1mistiod\u001b[22m,');
  });

  it("keeps a list item's hanging indent, and leaves other paragraphs as they were", () => {
    const lines = ['First paragraph, untouched.', '', '  * a \u001b[33mcode\u001b[39m', '    ), then more words here', '', 'Last.'];
    const fixed = keepPunctuationWithItsWord(lines, 30, wrap);
    expect(fixed[0]).toBe('First paragraph, untouched.');
    expect(fixed.slice(2, -2).map(plainText)).toEqual(['  * a code), then more words', '    here']);
    expect(fixed.at(-1)).toBe('Last.');
  });
});

describe('renderMarkdown', () => {
  it('no line of a real lesson paragraph starts with a comma at any width from 40 to 120', async () => {
    const text = '`istioctl install` puts the control plane, **istiod**, into `istio-system`, and with the default profile an **ingress gateway** too: an Envoy behind a LoadBalancer Service (`istio-ingressgateway`), port 80.';
    for (let width = 40; width <= 120; width += 7) {
      const lines = (await renderMarkdown(text, width)).split('\n').map(plainText);
      expect(lines.filter((line) => /^\s*[,;:)]/.test(line)), `width ${width}`).toEqual([]);
      expect(lines.filter((line) => line.length > width), `width ${width}`).toEqual([]);
    }
  });
});
