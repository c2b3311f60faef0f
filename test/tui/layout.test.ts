// The lesson screen's layout at every size: the parts' heights add up to the room exactly, so no part is
// pushed into another (Ink would draw them over each other, leaving pieces of one line after another).
import { describe, expect, it } from 'vitest';
import { lessonLayout } from '../../src/tui/layout.js';

describe('lessonLayout', () => {
  it('gives every part a height that adds up to the screen, side by side or stacked, at every size', () => {
    const wrong: string[] = [];
    for (const columns of [60, 80, 109, 110, 160]) {
      for (let rows = 16; rows <= 60; rows += 1) {
        for (const steps of [1, 3, 7, 12]) {
          for (const command of [1, 2, 4, 6, 12, 30]) {
            for (const panel of [0, 2, 5, 9, 20]) {
              for (const wants of [{}, { text: 0, output: 0 }, { text: 30, output: 0 }, { text: 6, output: 100 }]) {
                const l = lessonLayout(columns, rows, steps, command, panel, wants);
                const body = rows - 2 - l.titleHeight;
                const heights = [l.stepsHeight, l.textHeight, l.commandHeight, l.outputHeight, l.panelHeight];
                const adds = l.wide ? l.stepsHeight + 1 + l.textHeight === body && l.commandHeight + 1 + l.outputHeight + l.panelHeight === body : heights.reduce((sum, height) => sum + height, 0) === body;
                if (!adds || heights.some((height) => height < 0) || l.outputHeight < 1 || l.textHeight < 1) wrong.push(`${columns}×${rows} steps ${steps} command ${command} panel ${panel} ${JSON.stringify(wants)}: ${JSON.stringify(l)}`);
              }
            }
          }
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
