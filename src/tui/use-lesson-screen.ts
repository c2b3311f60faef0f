/**
 * What the lesson screen needs that changes with time: the spinner's clock and the running step's
 * seconds, the selected step's text (Markdown, rendered off the render path), and a redraw when a
 * picture's renderer has loaded. Kept in the app, not the screen, so they last while an overlay shows.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { LoadedLesson } from '../lesson/load.js';
import { readMarkdown } from '../lesson/markdown-text.js';
import { allSteps } from '../lesson/steps.js';
import { docLinkLines, hyperlinksSupported } from '../views/doc-links.js';
import { renderMarkdown } from '../views/markdown.js';
import type { PanelClock } from './check-panel-lines.js';
import { pictureToolsLoaded, subscribeToPictureTools } from './pictures.js';

/** The spinner's frame and the clock, ticking while `active` (the retry countdown is worked out from it). */
export function useSpinnerClock(active: boolean): PanelClock {
  const [clock, setClock] = useState(() => ({ frame: 0, now: Date.now() }));
  useEffect(() => {
    if (!active) return undefined;
    const timer = setInterval(() => setClock((value) => ({ frame: value.frame + 1, now: Date.now() })), 120);
    return () => clearInterval(timer);
  }, [active]);
  return clock;
}

/** Seconds since `active` turned true, ticking once a second (for the status bar). */
export function useElapsedSeconds(active: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!active) return undefined;
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => {
      clearInterval(timer);
      setSeconds(0);
    };
  }, [active]);
  return seconds;
}

/** A step's text; a text file gone since the lesson was read is said in its place (the step still runs). */
function stepMarkdown(dir: string, text: Parameters<typeof readMarkdown>[1]): string {
  try {
    return readMarkdown(dir, text);
  } catch (error) {
    return `*This step's text could not be read: ${error instanceof Error ? error.message : String(error)}*`;
  }
}

/** The step's text rendered at a width, once per step and width ('' until rendered). */
export function useStepText(loaded: LoadedLesson | undefined, stepId: string | undefined, width: number): string {
  const [text, setText] = useState('');
  useEffect(() => {
    let current = true;
    const source = loaded && allSteps(loaded.lesson).find((step) => step.id === stepId);
    const markdown = loaded && source ? stepMarkdown(loaded.dir, source.text) : '';
    // The pages the step follows, under its text: links where the terminal shows them, `title: URL` elsewhere.
    const links = source?.docs?.length ? ['', 'Read more:', ...docLinkLines(source.docs, width, { hyperlinks: hyperlinksSupported(process.env, process.stdout.isTTY === true) })] : [];
    void renderMarkdown(markdown, width).then((rendered) => {
      if (current) setText([rendered, ...links].join('\n').replace(/^\n+/, ''));
    });
    return () => {
      current = false;
    };
  }, [loaded, stepId, width]);
  return text;
}

/** Redraws once a picture's renderer (views, diagrams) has loaded. */
export function usePictureTools(): void {
  useSyncExternalStore(subscribeToPictureTools, pictureToolsLoaded);
}
