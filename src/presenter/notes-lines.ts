/** The notes view's lines (pure): where the presenter is, then that step's speaker notes, fitted to the width. */
import { plainMarkdown } from '../views/plain-markdown.js';
import type { ScreenLine } from './presenter-lines.js';

export interface NotesView {
  /** Undefined while nobody presents. */
  position?: { lessonId: string; lessonTitle: string; stepTitle: string; index: number; total: number };
  notes?: string;
  /** What went wrong reading the lesson, if something did. */
  problem?: string;
}

export function notesLines(view: NotesView, width: number, height: number): ScreenLine[] {
  const footer: ScreenLine[] = [{ text: '' }, { text: 'Follows the presenter (mesh-workshop present) · q: quit', tone: 'dim' }];
  if (view.problem) return [{ text: 'Speaker notes', tone: 'title' }, { text: view.problem, tone: 'failed' }, ...footer];
  if (!view.position) return [{ text: 'Speaker notes', tone: 'title' }, { text: "Waiting for the presenter: start 'mesh-workshop present LESSON' in another terminal (same --home).", tone: 'dim' }, ...footer];
  const { position } = view;
  const where = `step ${position.index + 1}/${position.total}`;
  const heading = `Notes · ${position.lessonId}`;
  const body = view.notes?.trim() ? plainMarkdown(view.notes, width).map((text) => ({ text })) : [{ text: 'No notes for this step.', tone: 'dim' as const }];
  const top: ScreenLine[] = [{ text: `${heading.padEnd(Math.max(0, width - where.length))}${where}`, tone: 'title' }, { text: '─'.repeat(width), tone: 'dim' }, { text: position.stepTitle, tone: 'title' }, { text: '' }];
  return [...top, ...body.slice(0, Math.max(0, height - top.length - footer.length)), ...footer];
}
