/**
 * The real App rendered with ink-testing-library (100 columns; 24 rows, Ink's default when the stream
 * has none): a small lesson pack in a temp folder, progress in a temp state folder, keys typed as a
 * terminal sends them, and the frame read back.
 */
import { render } from 'ink-testing-library';
import { listingOf } from '../../src/lesson/listing.js';
import { loadLessonFile } from '../../src/lesson/load.js';
import { openProgress, type ProgressStore } from '../../src/progress/store.js';
import { App } from '../../src/tui/app.js';
import { tempDir, writeLesson } from '../helpers/lessons.js';
import { homeOfLearner } from '../helpers/quiz.js';

/** What a terminal sends for each key. */
export const KEY = {
  enter: '\r',
  escape: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
} as const;

export interface OpenApp {
  /** The frame on the screen now. */
  frame(): string;
  /** Types keys one at a time, each in its own read, letting Ink handle each before the next. */
  press(...keys: string[]): Promise<void>;
  /** Waits until the frame shows what `matches` looks for; fails with the frame as it was. */
  waitFor(matches: RegExp | ((frame: string) => boolean), what: string, timeoutMs?: number): Promise<string>;
  home: string;
  progress: ProgressStore;
  farewell(): string | undefined;
  unmount(): void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Renders the App over a pack written from `yaml` (and `more` lessons after it), at the home screen. With
 * `learnerId`, the progress file names that learner, so the order of each question's choices is known.
 */
export function openApp(yaml: string, files: Record<string, string> = {}, more: readonly string[] = [], missing: readonly string[] = [], learnerId?: string): OpenApp {
  const pack = tempDir('mw-app-pack-');
  const all = [yaml, ...more].map((text, index) => {
    const load = loadLessonFile(writeLesson(pack, `0${index + 1}-lesson`, text, index === 0 ? files : {}));
    if (!load.lesson) throw new Error(`test lesson does not load: ${load.problems.map((p) => p.message).join('; ')}`);
    return load.lesson;
  });
  const home = learnerId === undefined ? tempDir('mw-app-home-') : homeOfLearner(tempDir('mw-app-home-'), learnerId);
  const progress = openProgress(home);
  let farewell: string | undefined;
  const view = render(
    <App
      listings={all.map(listingOf)}
      loadLesson={(id) => all.find((lesson) => lesson.lesson.id === id)}
      progress={progress}
      home={home}
      missingFor={() => [...missing]}
      onQuit={(text) => {
        farewell = text;
      }}
    />,
  );
  const frame = (): string => view.lastFrame() ?? '';
  return {
    frame,
    async press(...keys) {
      for (const key of keys) {
        view.stdin.write(key);
        // A lone Escape is told from the start of a sequence on the next turn of the event loop.
        await pause(key === KEY.escape ? 20 : 5);
      }
    },
    async waitFor(matches, what, timeoutMs = 8000) {
      const test = typeof matches === 'function' ? matches : (text: string) => matches.test(text);
      const started = Date.now();
      for (;;) {
        const now = frame();
        if (test(now)) return now;
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; the frame was:\n${now}`);
        await pause(20);
      }
    },
    home,
    progress,
    farewell: () => farewell,
    unmount: () => view.unmount(),
  };
}
