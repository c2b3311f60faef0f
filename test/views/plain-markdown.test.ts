// Lesson text for the line-by-line mode: what a screen reader reads is the words, not the markup.
import { describe, expect, it } from 'vitest';
import { plainMarkdown } from '../../src/views/plain-markdown.js';

describe('plainMarkdown', () => {
  it('drops emphasis and code marks, keeps a link address, wraps paragraphs at words', () => {
    const text = 'The **ingress gateway** is an *Envoy*; see `istioctl proxy-config route` and [the task](https://istio.io/x).\n\nA second paragraph.';
    expect(plainMarkdown(text, 40)).toEqual([
      'The ingress gateway is an Envoy; see',
      'istioctl proxy-config route and the task',
      '(https://istio.io/x).',
      '',
      'A second paragraph.',
    ]);
  });

  it('keeps list items apart, and reads a table row as its cells', () => {
    const text = '| mesh | cluster |\n|---|---|\n| A (the caller) | cluster1 |\n\n- one\n- `two` words';
    expect(plainMarkdown(text)).toEqual(['mesh; cluster', 'A (the caller); cluster1', '', '- one', '- two words']);
  });

  it('leaves no markup in any bundled lesson text it is given', () => {
    const text = '*Then and now:* istiod sets `disableShadowHostSuffixAppend` on the mirror policy (its `DISABLE_SHADOW_HOST_SUFFIX` default).';
    const [line] = plainMarkdown(text, 200);
    expect(line).toBe('Then and now: istiod sets disableShadowHostSuffixAppend on the mirror policy (its DISABLE_SHADOW_HOST_SUFFIX default).');
  });
});
