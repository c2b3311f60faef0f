// Safety rule: the guard reads what runs inside `$( … )`, so it must find where one ends
// (src/cluster/shell-commands.ts closingParen): nested parentheses count, quoted and escaped ones do not,
// and one never closed runs to the end of the script. Tracker issue 22.
import { describe, expect, it } from 'vitest';
import { closingParen } from '../../src/cluster/shell-commands.js';

describe('where a command substitution ends', () => {
  it('at its own closing parenthesis, past nested ones', () => {
    expect(closingParen('kubectl get ns) rest', 0)).toBe(14);
    expect(closingParen('echo $(date) done) rest', 0)).toBe(17);
  });

  it('not at a parenthesis in single quotes or after a backslash', () => {
    expect(closingParen("echo 'a)' b) rest", 0)).toBe(11);
    expect(closingParen("x ')' y) z", 0)).toBe(7);
    expect(closingParen('echo \\) b) rest', 0)).toBe(9);
  });

  it('at the end of the text when it is never closed, even after an unclosed quote', () => {
    expect(closingParen("echo ' b) c", 0)).toBe(11);
    expect(closingParen('echo (a', 0)).toBe(7);
  });
});
