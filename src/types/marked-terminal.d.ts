// marked-terminal ships no types; this is the part we use.
declare module 'marked-terminal' {
  import type { MarkedExtension } from 'marked';
  export function markedTerminal(options?: { width?: number; reflowText?: boolean; tab?: number; emoji?: boolean }, highlightOptions?: object): MarkedExtension;
}
