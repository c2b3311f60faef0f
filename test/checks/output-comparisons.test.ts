// The comparisons behind equals, elided, like and lines (after istio.io's doc-test verifiers): where each one
// draws the line between "the same output" and "a different one", and what it says when it differs.
import { describe, expect, it } from 'vitest';
import { compareElided, compareEquals, compareLike, compareLines, malformedLineRules } from '../../src/checks/verifiers.js';

describe('equals', () => {
  it('says where an output goes on past the expected one', () => {
    expect(compareEquals('a\nb', 'a')).toEqual({ passed: false, detail: 'line 2 differs: expected end of output, got "b"' });
  });

  it('treats Windows line ends, trailing blank lines and colours as nothing, leading blanks as something', () => {
    expect(compareEquals('a\r\nb\r\n\r\n', 'a\nb').passed).toBe(true);
    expect(compareEquals('\u001b[1ma\u001b[0m', 'a').passed).toBe(true);
    expect(compareEquals('a\n\nb', 'a\nb')).toEqual({ passed: false, detail: 'line 2 differs: expected "b", got ""' });
  });
});

describe('elided', () => {
  it('"..." may start or end the expected lines, with blanks around it', () => {
    expect(compareElided('x\ny\nlast', '...\nlast').passed).toBe(true);
    expect(compareElided('first\nx\ny', 'first\n  ...  ').passed).toBe(true);
    expect(compareElided('first', 'first\n...').passed).toBe(false);
  });

  it('several "..." each stand for their own lines', () => {
    expect(compareElided('a\n1\nb\n2\n3\nc', 'a\n...\nb\n...\nc').passed).toBe(true);
    expect(compareElided('a\nb\n2\nc', 'a\n...\nb\n...\nc').passed).toBe(false);
  });

  it('without "..." it is an exact comparison of whole lines', () => {
    expect(compareElided('a\nb', 'a\nb').passed).toBe(true);
    expect(compareElided('a\nb\nc', 'a\nb').passed).toBe(false);
    expect(compareElided('', '').passed).toBe(true);
    expect(compareElided('a', '')).toEqual({ passed: false, detail: 'the expected lines are there, but not in the expected order' });
  });

  it('says which line is missing, or that the order is wrong', () => {
    expect(compareElided('a\nb', 'b\na')).toEqual({ passed: false, detail: 'the expected lines are there, but not in the expected order' });
    expect(compareElided('a\nb', '...\nc')).toEqual({ passed: false, detail: 'expected line not found: "c"' });
  });
});

describe('like', () => {
  it('tolerates ages and durations of any length, both ways', () => {
    expect(compareLike('pod 3d4h', 'pod 10s').passed).toBe(true);
    expect(compareLike('pod 10s', 'pod 2m3s').passed).toBe(true);
    expect(compareLike('pod 10s', 'pod ten').passed).toBe(false);
    expect(compareLike('pod 10x', 'pod 10s').passed).toBe(false);
  });

  it('tolerates another address but not another port, and no port for no port', () => {
    expect(compareLike('10.0.0.1 ok', '192.168.1.20 ok').passed).toBe(true);
    expect(compareLike('10.0.0.1:80 ok', '192.168.1.20:80 ok').passed).toBe(true);
    expect(compareLike('10.0.0.1:80 ok', '192.168.1.20 ok').passed).toBe(false);
    expect(compareLike('10.0.0.1 ok', '10.0.0.1:80 ok').passed).toBe(false);
    expect(compareLike('10.0.0.1.5 ok', '10.0.0.2.5 ok').passed).toBe(false);
  });

  it('tolerates a generated suffix only after the same name', () => {
    expect(compareLike('istiod-5f4d8c7b9-abcde', 'istiod-5f4d8c7b9-xxxxx').passed).toBe(true);
    expect(compareLike('istiod-abc', 'istiod-x').passed).toBe(true);
    expect(compareLike('istiod-abc', 'istio-abc').passed).toBe(false);
    expect(compareLike('istiod', 'istioe').passed).toBe(false);
    expect(compareLike('ztunnel_abc', 'ztunnel_x').passed).toBe(false);
  });

  it('says on which line the words differ, counting blank lines', () => {
    expect(compareLike('a\n\nb c', 'a\n\nb d')).toEqual({ passed: false, detail: 'line 3: expected something like "b d", got "b c"' });
    expect(compareLike('a b', 'a   b  ').passed).toBe(true);
    expect(compareLike('a b', 'a b c').detail).toBe('line 1: expected something like "a b c", got "a b"');
    expect(compareLike('', '').passed).toBe(true);
  });
});

describe('lines', () => {
  it('reads the output as the learner sees it, and ignores blank rules and trailing blanks', () => {
    expect(compareLines('\u001b[32mHello version: v1\u001b[0m', '+ Hello version: v1   \n\n   \n- v2').passed).toBe(true);
    expect(compareLines('a', ['', '+ a  '])).toEqual({ passed: true });
  });

  it('a rule is judged by its text after the sign and one space', () => {
    expect(compareLines('ab', '+  ab')).toEqual({ passed: false, detail: 'missing: " ab"' });
    expect(compareLines('ab', '- b')).toEqual({ passed: false, detail: 'present but must not be: "b"' });
  });

  it('finds each rule the linter should reject: no sign, no space, nothing after the sign', () => {
    expect(malformedLineRules(['+ ok', '+nospace', '- ', '-', 'plain', '   ', '+ x  '])).toEqual(['+nospace', '-', '-', 'plain']);
  });
});
