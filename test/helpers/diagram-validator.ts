/**
 * A structural check of a drawn diagram: no line wider than the width, every box closed, every numbered
 * link attached at both ends (its number in the start box, the end box and the legend), every label shown.
 */
import type { Diagram } from '../../src/diagrams/schema.js';

/** Problems with a rendered picture, as sentences; empty when it is sound. */
export function pictureProblems(lines: readonly string[], width: number, diagram: Diagram, ascii: boolean): string[] {
  const problems: string[] = [];
  const chars = lines.map((line) => [...line]);
  chars.forEach((line, row) => {
    if (line.length > width) problems.push(`line ${row + 1} is ${line.length} wide`);
  });
  const [tl, tr, bl, br, h, v] = ascii ? ['+', '+', '+', '+', '-', '|'] : ['┌', '┐', '└', '┘', '─', '│'];
  const at = (row: number, col: number): string => chars[row]?.[col] ?? ' ';
  chars.forEach((line, row) =>
    line.forEach((char, col) => {
      // A box's top-left corner: the top edge runs right to a corner, both sides run down to the bottom edge.
      if (char !== tl || at(row, col + 1) !== h || at(row + 1, col) !== v) return;
      let right = col + 1;
      while (right < line.length && at(row, right) !== tr) right++;
      if (at(row, right) !== tr) return void problems.push(`box at ${row + 1}:${col + 1} has no top-right corner`);
      let bottom = row + 1;
      while (bottom < chars.length && at(bottom, col) === v) bottom++;
      if (at(bottom, col) !== bl) return void problems.push(`box at ${row + 1}:${col + 1} has an open left side`);
      for (let down = row + 1; down < bottom; down++) if (at(down, right) !== v) return void problems.push(`box at ${row + 1}:${col + 1} has an open right side at line ${down + 1}`);
      if (at(bottom, right) !== br) return void problems.push(`box at ${row + 1}:${col + 1} has no bottom-right corner`);
      for (let across = col + 1; across < right; across++) if (at(bottom, across) !== h) return void problems.push(`box at ${row + 1}:${col + 1} has a broken bottom edge`);
    }),
  );
  const text = lines.join('\n');
  const nodes = [...(diagram.outside ?? []), ...diagram.clusters.flatMap((cluster) => cluster.rows.flat())];
  for (const node of nodes) if (!text.includes(node.label.slice(0, 6))) problems.push(`the box '${node.label}' is not in the picture`);
  // Every numbered link: its number once in the legend and in exactly two boxes (where it starts and ends).
  const legend = lines.filter((line) => /^[ *◆](①|②|③|④|⑤|⑥|⑦|⑧|⑨|⑩|\(\d+\)) /.test(line));
  legend.forEach((line) => {
    const number = /^[ *◆](\S+) /.exec(line)?.[1] ?? '';
    const uses = text.split(number).length - 1;
    if (uses !== 3) problems.push(`link ${number} appears ${uses} times (want: start box, end box, legend)`);
  });
  return problems;
}

