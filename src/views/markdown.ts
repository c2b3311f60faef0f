/**
 * Lesson text as terminal text: Markdown through marked + marked-terminal, loaded on first use (it pulls
 * in a syntax highlighter) and rendered once per (text, width).
 */
const cache = new Map<string, string>();

export async function renderMarkdown(markdown: string, width: number): Promise<string> {
  const key = `${width}\u0000${markdown}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  // Nothing to render (the home screen, a step without text): no need to load marked at all.
  if (markdown.trim() === '') return '';
  const [{ Marked }, { markedTerminal }] = await Promise.all([import('marked'), import('marked-terminal')]);
  // A Marked instance of our own, so the configuration stays local to the workshop.
  const marked = new Marked(markedTerminal({ width, reflowText: true, tab: 2 }));
  const text = (await marked.parse(markdown)).replace(/\n+$/, '');
  cache.set(key, text);
  return text;
}
