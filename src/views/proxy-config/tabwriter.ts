/**
 * Go's text/tabwriter as istioctl uses it (minwidth 0, pad char space, no flags): every cell but the
 * last of a row is padded to its column's width (the widest cell plus `padding`); the last is printed
 * as it is, so an empty last cell leaves the previous cell's padding as trailing spaces, byte for byte
 * as istioctl prints. Widths count characters (runes), not bytes.
 */
/** Characters as Go counts runes; most cells are ASCII, where that is just the length. */
export function runeCount(cell: string): number {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(cell) ? cell.length : [...cell].length;
}

export function tabwrite(rows: readonly (readonly string[])[], padding: number): string {
  const widths: number[] = [];
  // Each cell is measured once; a large dump's tables have tens of thousands of them.
  const lengths = rows.map((row) => row.map(runeCount));
  for (const row of lengths) {
    for (let index = 0; index < row.length - 1; index++) widths[index] = Math.max(widths[index] ?? 0, (row[index] ?? 0) + padding);
  }
  const spaces = ' '.repeat(Math.max(0, ...widths));
  let out = '';
  rows.forEach((row, line) => {
    const measured = lengths[line] ?? [];
    for (let index = 0; index < row.length; index++) {
      const cell = row[index] ?? '';
      out += index === row.length - 1 ? cell : cell + spaces.slice(0, (widths[index] ?? 0) - (measured[index] ?? 0));
    }
    out += '\n';
  });
  return out;
}
