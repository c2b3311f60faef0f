/**
 * Go's text/tabwriter as istioctl uses it (minwidth 0, pad char space, no flags): every cell but the
 * last of a row is padded to its column's width (the widest cell plus `padding`); the last is printed
 * as it is, so an empty last cell leaves the previous cell's padding as trailing spaces, byte for byte
 * as istioctl prints. Widths count characters (runes), not bytes.
 */
export function tabwrite(rows: readonly (readonly string[])[], padding: number): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [index, cell] of row.slice(0, -1).entries()) widths[index] = Math.max(widths[index] ?? 0, [...cell].length + padding);
  }
  return rows
    .map((row) =>
      row
        .map((cell, index) => (index === row.length - 1 ? cell : cell + ' '.repeat((widths[index] ?? 0) - [...cell].length)))
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('');
}
