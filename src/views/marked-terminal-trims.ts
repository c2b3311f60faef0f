/**
 * Stands in for two of marked-terminal's dependencies in the bundle (scripts/bundle-options.mjs), which
 * were 1.4 MB of a 3 MB package:
 * - cli-highlight brings highlight.js with every language. Lessons show commands and manifests in plain
 *   code blocks; marked-terminal catches what its highlighter throws and paints the block in its own
 *   code style, so throwing here keeps code blocks coloured as code, only not per token.
 * - node-emoji brings the whole emoji table to turn `:name:` into pictures. Lessons turn that off
 *   (src/views/markdown.ts): a `:x:` in a command or a port list must stay what the author wrote.
 */
export function highlight(): never {
  throw new Error('no syntax highlighting in mesh-workshop');
}

export function get(): undefined {
  return undefined;
}
