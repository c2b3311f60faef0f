import { describe, expect, it } from 'vitest';
import { actionForKey, helpLines, KEYMAP, splitKeys } from '../../src/tui/keymap.js';

describe('keymap', () => {
  it('maps keys to actions by screen', () => {
    expect(actionForKey({ input: '', return: true }, { screen: 'home', running: false })).toBe('open-lesson');
    expect(actionForKey({ input: '', return: true }, { screen: 'lesson', running: false })).toBe('run-step');
    expect(actionForKey({ input: 'h' }, { screen: 'lesson', running: false })).toBe('show-hint');
    expect(actionForKey({ input: 'h' }, { screen: 'home', running: false })).toBeUndefined();
  });
  it('Ctrl-C and Esc cancel a running step; with nothing running Ctrl-C quits', () => {
    expect(actionForKey({ input: 'c', ctrl: true }, { screen: 'lesson', running: true })).toBe('cancel-step');
    expect(actionForKey({ input: '', escape: true }, { screen: 'lesson', running: true })).toBe('cancel-step');
    expect(actionForKey({ input: 'c', ctrl: true }, { screen: 'lesson', running: false })).toBe('quit');
    expect(actionForKey({ input: 'c' }, { screen: 'lesson', running: false })).toBe('copy-command');
  });
  it('does not start, skip or leave while a step runs', () => {
    for (const input of ['r', 's', 'n', 'p', 'l']) expect(actionForKey({ input }, { screen: 'lesson', running: true })).toBeUndefined();
    expect(actionForKey({ input: '', return: true }, { screen: 'lesson', running: true })).toBeUndefined();
    expect(actionForKey({ input: 'q' }, { screen: 'lesson', running: true })).toBe('quit');
  });
  it('lists every action in the help, once', () => {
    const lesson = helpLines('lesson');
    expect(lesson.some((line) => line.startsWith('Esc / Ctrl-C'))).toBe(true);
    expect(new Set(lesson).size).toBe(lesson.length);
    // Each key once: p is in "n / p", not listed again by itself.
    expect(lesson.filter((line) => /^(n \/ p|p) /.test(line))).toEqual(['n / p          next / previous step']);
    expect(lesson.some((line) => line.startsWith('[ ]') && /text/.test(line))).toBe(true);
    expect(lesson.some((line) => line.startsWith('w ') && /wrap/.test(line))).toBe(true);
    expect(lesson.some((line) => line.startsWith('← →') && /sideways/.test(line))).toBe(true);
    const screens = new Set(KEYMAP.flatMap((b) => b.screens));
    expect([...screens].sort()).toEqual(['complete', 'home', 'lesson', 'notes', 'player', 'present']);
    expect(helpLines('complete').map((line) => line.split(' ')[0])).toEqual(['Enter', 'Esc', 'Tab', 'j', '?', 'q']);
  });

  it("answers the presenter's, the notes' and the player's keys on their screens only", () => {
    const present = { screen: 'present' as const, running: false };
    expect(actionForKey({ input: '', return: true }, present)).toBe('present-enter');
    expect(actionForKey({ input: '', return: true }, { screen: 'present', running: true })).toBe('present-enter');
    expect(actionForKey({ input: 'R' }, present)).toBe('play-recording');
    expect(actionForKey({ input: 'R' }, { screen: 'present', running: true })).toBeUndefined();
    expect(actionForKey({ input: 'R' }, { screen: 'lesson', running: false })).toBeUndefined();
    expect(actionForKey({ input: 'n' }, present)).toBe('next-step');
    expect(actionForKey({ input: 'q' }, { screen: 'notes', running: false })).toBe('quit');
    const player = { screen: 'player' as const, running: false };
    expect(actionForKey({ input: '', return: true }, player)).toBe('player-next');
    expect(actionForKey({ input: ' ' }, player)).toBe('toggle-pause');
    expect(actionForKey({ input: '', leftArrow: true }, player)).toBe('seek-back');
    expect(actionForKey({ input: '', rightArrow: true }, player)).toBe('seek-forward');
  });
});

describe('splitKeys', () => {
  it('splits keys that arrived in one read, and keeps escape sequences whole', () => {
    expect(splitKeys({ input: '\r\r' })).toEqual([{ input: '', return: true }, { input: '', return: true }]);
    expect(splitKeys({ input: 'nn\t' })).toEqual([{ input: 'n' }, { input: 'n' }, { input: '', tab: true }]);
    expect(splitKeys({ input: 'q' })).toEqual([{ input: 'q' }]);
    expect(splitKeys({ input: '\u001b[A', upArrow: true })).toEqual([{ input: '\u001b[A', upArrow: true }]);
  });
});
