/**
 * A table that fits the terminal: at full width it is istioctl's text byte for byte; when it is wider
 * than the terminal, the least useful columns go first (a fixed order, by header), and if that is not
 * enough the widest column is cut with an ellipsis. Rows are never wrapped into each other.
 */
import { tabwrite } from './tabwriter.js';

/** Headers from most to least worth keeping; a header not listed goes before any listed one. */
const IMPORTANCE = [
  'NAME', 'SERVICE FQDN', 'ADDRESSES', 'ENDPOINT', 'RESOURCE NAME', 'ECDS NAME',
  'PORT', 'MATCH', 'DESTINATION', 'VIRTUAL SERVICE', 'CLUSTER', 'STATUS', 'SUBSET',
  'DESTINATION RULE', 'DOMAINS', 'TYPE', 'VALID CERT', 'NOT AFTER', 'VERSION', 'DIRECTION',
  'VHOST NAME', 'LOCALITY', 'OUTLIER CHECK', 'ISTIOD', 'SUBSCRIBED TYPES', 'SERIAL NUMBER', 'NOT BEFORE', 'TRUST DOMAIN',
];

export interface FittedTable {
  text: string;
  /** Columns left out to fit. */
  hidden: string[];
  /** Columns whose cells were cut. */
  cut: string[];
}

const length = (cell: string): number => [...cell].length;
/** How short a long cell may be cut before a whole column is given up instead. */
const CAP = 32;

function lineWidth(rows: readonly (readonly string[])[], padding: number): number {
  const columns = rows[0]?.length ?? 0;
  let width = 0;
  for (let index = 0; index < columns; index++) {
    const widest = Math.max(...rows.map((row) => length(row[index] ?? '')));
    width += index === columns - 1 ? widest : widest + padding;
  }
  return width;
}

function cutTo(cell: string, room: number): string {
  const chars = [...cell];
  return chars.length <= room ? cell : `${chars.slice(0, Math.max(0, room - 1)).join('')}…`;
}

function rank(header: string): number {
  const at = IMPORTANCE.indexOf(header);
  return at < 0 ? IMPORTANCE.length : at;
}

/** `rows[0]` is the header. Without a width (output to a file or a pipe), the table is istioctl's as it is. */
export function fitTable(rows: readonly (readonly string[])[], padding: number, width?: number): FittedTable {
  if (width === undefined || rows.length === 0 || lineWidth(rows, padding) <= width) return { text: tabwrite(rows, padding), hidden: [], cut: [] };
  const header = rows[0] ?? [];
  let kept = header.map((_, index) => index);
  const hidden: string[] = [];
  // Drop the least useful columns while the table would not fit even with long cells cut to CAP, so a
  // useful column with one long value is shortened rather than lost; at least two columns stay.
  const dropOrder = [...kept].sort((a, b) => rank(header[b] ?? '') - rank(header[a] ?? '') || b - a);
  const project = (indexes: readonly number[]) => rows.map((row) => indexes.map((index) => row[index] ?? ''));
  const capped = (indexes: readonly number[]) => project(indexes).map((row) => row.map((cell) => cutTo(cell, CAP)));
  for (const index of dropOrder) {
    if (kept.length <= 2 || lineWidth(capped(kept), padding) <= width) break;
    kept = kept.filter((column) => column !== index);
    hidden.push(header[index] ?? '');
  }
  let table = project(kept);
  const cut: string[] = [];
  // Still too wide: cut the widest column until it fits (never below 8 characters).
  while (lineWidth(table, padding) > width) {
    const widths = table[0]?.map((_, index) => Math.max(...table.map((row) => length(row[index] ?? '')))) ?? [];
    const widest = widths.indexOf(Math.max(...widths));
    const room = (widths[widest] ?? 0) - (lineWidth(table, padding) - width);
    const target = Math.max(8, room);
    if (target >= (widths[widest] ?? 0)) break;
    table = table.map((row) => row.map((cell, index) => (index === widest ? cutTo(cell, target) : cell)));
    cut.push(header[kept[widest] ?? 0] ?? '');
  }
  return { text: tabwrite(table, padding), hidden, cut: [...new Set(cut)] };
}

/** The line said under a fitted table, or nothing when it is whole. */
export function fitNote(fitted: FittedTable, width: number | undefined): string {
  const parts = [...(fitted.hidden.length > 0 ? [`hid ${fitted.hidden.join(', ')}`] : []), ...(fitted.cut.length > 0 ? [`shortened ${fitted.cut.join(', ')}`] : [])];
  return parts.length === 0 ? '' : `(${parts.join('; ')} to fit ${width ?? ''} columns; a wider terminal, or output to a pipe, shows it all)`;
}
