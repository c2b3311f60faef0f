/** `${NAME}` in check texts: filled from captured variables. Run scripts get them as environment variables instead. */
const VAR_REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export type Vars = Readonly<Record<string, string>>;

export class MissingVariableError extends Error {
  constructor(readonly names: string[]) {
    super(`variable ${names.map((n) => '${' + n + '}').join(', ')} has no value yet: the step that captures it has not run`);
  }
}

export function referencedVars(text: string): string[] {
  return [...text.matchAll(VAR_REFERENCE)].map((match) => match[1] ?? '');
}

/** Replace `${NAME}` with its value; `escape` adapts values for a regular expression. */
export function fillVars(text: string, vars: Vars, escape: (value: string) => string = (v) => v): string {
  const missing = referencedVars(text).filter((name) => vars[name] === undefined);
  if (missing.length > 0) throw new MissingVariableError([...new Set(missing)]);
  return text.replace(VAR_REFERENCE, (_, name: string) => escape(vars[name] ?? ''));
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Variables a bash script expands: `$NAME`, `${NAME}` and `${NAME…}` forms alike. */
export function scriptVars(script: string): string[] {
  return [...script.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((match) => match[1] ?? '');
}
