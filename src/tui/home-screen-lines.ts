/**
 * The home screen as lines: the machine's verdict, progress across the workshop, the lesson list (each
 * row cut only between words, never inside one), and the selected lesson's details below it: what it
 * teaches, what it needs and what this machine lacks for it, all wrapped. Pure and width-aware.
 */
import type { PanelLine } from './check-panel-lines.js';
import type { HomeRow } from './home-rows.js';
import { spentText } from './lesson-complete-lines.js';
import { wrapWithPrefix } from '../views/wrap-text.js';

export interface HomeLine extends PanelLine {
  /** The selected lesson's row (drawn inverse). */
  selected?: boolean;
  bold?: boolean;
}

const columns = (text: string): number => [...text].length;

/** `text` in at most `width` columns, cut between words (and after `, ` or `; `) with `…` when it must be. */
export function cutAtWord(text: string, width: number): string {
  if (columns(text) <= width) return text;
  const chars = [...text].slice(0, Math.max(1, width - 1)).join('');
  const at = chars.lastIndexOf(' ');
  return `${(at > 0 ? chars.slice(0, at) : chars).replace(/[,;]$/, '')}…`;
}

/** Minutes as "40m" or "4h 55m". */
function minutesText(minutes: number): string {
  return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** Steps done of all the workshop's steps, and the time spent in the lessons against their estimates. */
export function workshopProgressLine(rows: readonly HomeRow[]): string {
  const sum = (pick: (row: HomeRow) => number | undefined): number => rows.reduce((total, row) => total + (pick(row) ?? 0), 0);
  return `Workshop: ${sum((row) => row.passed)} of ${sum((row) => row.steps)} steps done · ${spentText(sum((row) => row.spentMs))} spent of ${minutesText(sum((row) => row.estimateMinutes))} estimated`;
}

export function homeScreenLines(rows: readonly HomeRow[], selected: number, width: number, height: number, notice?: PanelLine): HomeLine[] {
  const wrap = (text: string, prefix: string, tone?: PanelLine['tone']): HomeLine[] => wrapWithPrefix(text, prefix, width).map((line) => (tone ? { text: line, tone } : { text: line }));
  const top: HomeLine[] = [
    { text: cutAtWord('mesh-workshop: Istio service-mesh lessons on kind', width), bold: true },
    ...(notice ? wrap(notice.text, '', notice.tone).slice(0, 3) : []),
    { text: cutAtWord(workshopProgressLine(rows), width), tone: 'muted' },
    { text: '✓ done  ◐ in progress  ○ not started', tone: 'muted' },
    { text: '' },
  ];
  const chosen = rows[selected];
  const details: HomeLine[] = chosen
    ? [
        { text: '' },
        // What it needs and what is missing first: short, and what the row could not say whole.
        ...wrap(chosen.needs, 'Needs: '),
        ...(chosen.missing.length > 0 ? wrap(`${chosen.missing.join(', ')} ('mesh-workshop doctor' has the fixes)`, 'Missing here: ', 'fail') : []),
        ...wrap(chosen.summary ?? '', `${chosen.title}: `),
      ]
    : [];
  // The list keeps at least three rows (or all of them); the details get the rest, at most what they need.
  const listRoom = Math.max(Math.min(3, rows.length), height - top.length - details.length);
  const detailRoom = Math.max(0, height - top.length - Math.min(listRoom, rows.length));
  // Cut, the details say so on their last line rather than stopping mid-sentence.
  const shownDetails = details.length <= detailRoom ? details : [...details.slice(0, Math.max(0, detailRoom - 1)), { text: '… (a taller terminal shows the rest)', tone: 'muted' as const }].slice(0, detailRoom);
  const room = Math.max(1, height - top.length - shownDetails.length);
  const first = Math.max(0, Math.min(selected - Math.floor(room / 2), rows.length - room));
  const titleWidth = Math.max(10, Math.min(Math.max(...rows.map((row) => columns(row.title))), width - 40));
  const list: HomeLine[] = rows.slice(first, first + room).map((row, index) => {
    const isSelected = first + index === selected;
    const title = cutAtWord(row.title, titleWidth).padEnd(titleWidth);
    // What this machine lacks comes first, so a narrow terminal cuts the list of needs, not the warning.
    const missing = row.missing.length > 0 ? `missing ${row.missing.join(', ')}; ` : '';
    const text = cutAtWord(`${isSelected ? '›' : ' '} ${row.glyph} ${title} ${row.done.padStart(5)} ${row.estimate.padStart(4)}  ${missing}needs ${row.needs}`, width);
    return isSelected ? { text, selected: true } : { text };
  });
  return [...top, ...list, ...shownDetails];
}
