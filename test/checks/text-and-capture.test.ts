import { describe, expect, it } from 'vitest';
import { captureValue } from '../../src/checks/capture.js';
import { evaluateCheck, observedFromText } from '../../src/checks/evaluate.js';
import { fillVars, referencedVars } from '../../src/checks/templating.js';
import { normaliseOutput, startOfLastLines, tailLines } from '../../src/checks/text.js';
import { seededRandom } from '../helpers/seeded-random.js';

describe('output text', () => {
  it('normalises what checks compare', () => {
    expect(normaliseOutput('\u001b[1mNAME\u001b[0m   \r\nx\n\n\n')).toBe('NAME\nx');
  });
  it('compares what a person reads: every escape form and invisible control is gone, as on the screen', () => {
    expect(normaliseOutput('\u001bPq#0;2;0;0;0\u001b\\after')).toBe('after'); // DCS (sixel)
    expect(normaliseOutput('\u009b1mbold\u009b0m')).toBe('bold'); // 8-bit CSI
    expect(normaliseOutput('\u001b[38;5;240mgray\u001b[39m')).toBe('gray');
    expect(normaliseOutput('kept\u001b]0;a title never ended')).toBe('kept'); // an unterminated OSC swallows the rest
    expect(normaliseOutput('a\u007fb\u0007c\u0000d')).toBe('abcd'); // DEL, BEL, NUL
    expect(normaliseOutput('tab\there')).toBe('tab\there');
  });
  it('a contains check matches text that colour codes cut in two', () => {
    const check = { contains: 'SYNCED', examples: { pass: [], fail: [] } };
    expect(evaluateCheck(check, observedFromText('istiod \u001b[32mSYN\u001b[0mCED'), {}).passed).toBe(true);
    expect(evaluateCheck(check, observedFromText('istiod \u001b[31mSTALE\u001b[0m'), {}).passed).toBe(false);
  });
  it('keeps the last lines for reports and says how many were left out', () => {
    expect(tailLines('1\n2\n3\n4', 2)).toBe('… 2 earlier lines\n3\n4');
    expect(tailLines('1\n2\n', 2)).toBe('1\n2');
    expect(tailLines('\n\n \n', 2)).toBe('');
  });
  it('finds where the last lines of a text start', () => {
    // 'a\nb\nc\n': the newlines are at 1, 3 and 5; the last line is the empty one after the last newline.
    expect([1, 2, 3, 4, 5].map((wanted) => startOfLastLines('a\nb\nc\n', wanted))).toEqual([6, 4, 2, 0, 0]);
    expect(startOfLastLines('\nx', 1)).toBe(1);
    expect(startOfLastLines('\nx', 2)).toBe(0);
    expect(startOfLastLines('no newline', 1)).toBe(0);
  });
  it('reads only the end of a long output, and counts its earlier lines exactly', () => {
    // What normalising the whole text gives, the definition the quick reading must agree with.
    const reference = (text: string, count: number): string => {
      const lines = normaliseOutput(text) === '' ? [] : normaliseOutput(text).split('\n');
      return lines.length <= count ? lines.join('\n') : [`… ${lines.length - count} earlier lines`, ...lines.slice(-count)].join('\n');
    };
    const pieces = ['a', 'bc ', ' ', '', '\u001b[31mred\u001b[0m', '\r', 'x\ry', '\u001b]0;t', '\u0007', '\t'];
    const next = seededRandom(7);
    for (let round = 0; round < 2000; round++) {
      const lines = Array.from({ length: next(40) }, () => Array.from({ length: next(3) }, () => pieces[next(pieces.length)]).join(''));
      const text = lines.join('\n') + '\n'.repeat(next(4));
      const count = 1 + next(6);
      expect(tailLines(text, count), JSON.stringify({ text, count })).toBe(reference(text, count));
    }
    const long = `${Array.from({ length: 200_000 }, (_, index) => String(index + 1)).join('\n')}\n\n`;
    expect(tailLines(long, 2)).toBe('… 199998 earlier lines\n199999\n200000');
  });
});

describe('templating', () => {
  it('finds and fills ${NAME}', () => {
    expect(referencedVars('curl ${INGRESS_IP}:${PORT} $HOME')).toEqual(['INGRESS_IP', 'PORT']);
    expect(fillVars('${A}-${A}', { A: 'x' })).toBe('x-x');
    expect(() => fillVars('${MISSING}', {})).toThrow('variable ${MISSING} has no value yet');
  });
});

describe('captureValue', () => {
  const service = JSON.stringify({ status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } } });
  it('reads a JSONPath from JSON output', () => {
    expect(captureValue({ jsonpath: '{.status.loadBalancer.ingress[0].ip}' }, observedFromText(service))).toEqual({ value: '172.18.255.200' });
    expect(captureValue({ jsonpath: '{.status.loadBalancer.ingress[0].hostname}' }, observedFromText(service))).toEqual({ error: '{.status.loadBalancer.ingress[0].hostname} printed nothing' });
    expect(captureValue({ jsonpath: '{.x}' }, observedFromText('pending'))).toEqual({ error: 'the output is not JSON, so {.x} cannot be read' });
  });
  it('reads a regular expression group, by number or name', () => {
    const out = observedFromText('pod/helloworld-v1-776f57d5f6-s7zfc created');
    expect(captureValue({ regex: 'pod/(\\S+)' }, out)).toEqual({ value: 'helloworld-v1-776f57d5f6-s7zfc' });
    expect(captureValue({ regex: 'pod/(?<name>[a-z-]+v1)', group: 'name' }, out)).toEqual({ value: 'helloworld-v1' });
    expect(captureValue({ regex: 'svc/(\\S+)' }, out)).toEqual({ error: 'no match for /svc/(\\S+)/' });
  });
});
