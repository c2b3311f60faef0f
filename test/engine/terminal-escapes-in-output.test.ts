// Safety rule: output from commands is shown as text. Escape sequences that move the cursor, change the title,
// clear or reset the screen, or talk to the terminal are removed from what is shown (colour may stay); checks
// and reports read the text a person reads, without any of it (src/terminal-text.ts, src/engine/neutralise.ts).
import { describe, expect, it } from 'vitest';
import { normaliseOutput, stripAnsi } from '../../src/checks/text.js';
import { needsNeutralising, neutraliseLine } from '../../src/engine/neutralise.js';

const ESC = '\u001b';
const BEL = '\u0007';

describe('shown output keeps colour', () => {
  it.each([
    ['a basic colour and a reset', `${ESC}[31mred${ESC}[0m`],
    ['bold and colour together', `${ESC}[1;32mSYNCED${ESC}[m`],
    ['a 256-colour and a true-colour one with colons', `${ESC}[38;5;240mgray${ESC}[38:2::10:20:30mrgb${ESC}[39m`],
  ])('%s', (_, text) => {
    expect(neutraliseLine(text)).toBe(text);
  });
});

describe('shown output loses what could move, clear, retitle or reset the terminal', () => {
  it.each([
    ['a cursor move up', `ok${ESC}[2Aok`, 'okok'],
    ['cursor home and clear screen', `${ESC}[H${ESC}[2Jtext`, 'text'],
    ['hide the cursor (a private mode)', `${ESC}[?25lx${ESC}[?25h`, 'x'],
    ['a cursor shape (with an intermediate byte)', `${ESC}[2 qx`, 'x'],
    ['a sequence ending in m that is not colour (modifyOtherKeys)', `${ESC}[>4;2mx`, 'x'],
    ['a title, ended by BEL', `${ESC}]0;pwned${BEL}text`, 'text'],
    ['a title, ended by ESC \\', `${ESC}]2;pwned${ESC}\\text`, 'text'],
    ['a title, ended by the 8-bit ST', `${ESC}]2;pwned\u009ctext`, 'text'],
    ['an 8-bit OSC', '\u009d0;pwned\u0007text', 'text'],
    ['a hyperlink, its text kept', `${ESC}]8;;http://x${ESC}\\link${ESC}]8;;${ESC}\\`, 'link'],
    ['a DCS (sixel) string', `${ESC}Pq#0;2;0;0;0${ESC}\\after`, 'after'],
    ['an 8-bit DCS string', '\u0090q#0\u009cafter', 'after'],
    ['SOS, PM and APC strings', `${ESC}Xsos${ESC}\\a${ESC}^pm${ESC}\\b${ESC}_apc${ESC}\\c`, 'abc'],
    ['8-bit SOS, PM and APC strings', '\u0098sos\u009ca\u009epm\u009cb\u009fapc\u009cc', 'abc'],
    ['a full reset (RIS)', `${ESC}cscreen`, 'screen'],
    ['a charset switch and keypad mode', `${ESC}(0q${ESC}(B${ESC}=x`, 'qx'],
    ['save and restore the cursor', `${ESC}7a${ESC}8b`, 'ab'],
    ['a lone ESC at the end', `text${ESC}`, 'text'],
  ])('%s', (_, text, shown) => {
    expect(needsNeutralising(text)).toBe(true);
    expect(neutraliseLine(text)).toBe(shown);
  });

  it('an unterminated OSC is removed from shown output, with everything after it', () => {
    expect(neutraliseLine(`kept${ESC}]0;a title never ended, then text`)).toBe('kept');
    expect(neutraliseLine(`kept${ESC}Pno end`)).toBe('kept');
    expect(neutraliseLine(`kept${ESC}]0;a title that ends like a colour ${ESC}[31m`)).toBe('kept');
  });

  it('removes DEL and the other controls a person never reads', () => {
    expect(neutraliseLine('a\u007fb')).toBe('ab');
    expect(neutraliseLine('a\u0000b\u0007c\u0008d\u000be\u000cf\u000eg\u000fh')).toBe('abcdefgh');
    expect(neutraliseLine('a\u001ab\u001cc\u001fd')).toBe('abcd');
    expect(neutraliseLine('a\u0085b\u008dc\u0080d\u0099e')).toBe('abcde');
  });

  it('keeps tabs, and colour next to what it removes', () => {
    expect(neutraliseLine(`\t${ESC}[2K${ESC}[32mok${ESC}[0m\u007f`)).toBe(`\t${ESC}[32mok${ESC}[0m`);
  });
});

describe('carriage returns in shown output', () => {
  it('keeps what the terminal finally shows: the last redraw that is not empty', () => {
    expect(neutraliseLine('10%\r50%\r100% done')).toBe('100% done');
    expect(neutraliseLine('done\r\r')).toBe('done');
    expect(neutraliseLine('\r\r')).toBe('');
    expect(neutraliseLine(`${ESC}[32m10%\r${ESC}[32m100%${ESC}[0m`)).toBe(`${ESC}[32m100%${ESC}[0m`);
  });
});

describe('plain output is left as it is', () => {
  it('needs no neutralising: text, tabs and newlines', () => {
    expect(needsNeutralising('NAME\tREADY\nreviews-v1\t2/2 ✓ ü')).toBe(false);
    expect(neutraliseLine('NAME\tREADY ✓ ü')).toBe('NAME\tREADY ✓ ü');
  });

  it('a carriage return alone is something to neutralise', () => {
    expect(needsNeutralising('50%\r100%')).toBe(true);
  });
});

describe('what checks and reports read', () => {
  it('no colour, no escape sequence and no invisible control: the text a person reads', () => {
    expect(stripAnsi(`${ESC}[1;32mSYNCED${ESC}[0m \u009b31mred\u009b0m`)).toBe('SYNCED red');
    expect(stripAnsi(`a${ESC}]0;t${BEL}b${ESC}[2Jc${ESC}cd\u007fe${ESC}]8;;unterminated`)).toBe('abcde');
    expect(stripAnsi('plain\ttext ✓')).toBe('plain\ttext ✓');
  });

  it('normalised: no CR, no trailing blanks per line, no trailing blank lines', () => {
    expect(normaliseOutput('a  \r\nb\t\rc\n\n\n')).toBe('a\nb\nc');
    expect(normaliseOutput('\n\nfirst')).toBe('\n\nfirst');
  });
});
