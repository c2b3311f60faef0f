/**
 * Enough of bash's grammar to see which commands a script runs and with which words: quotes (also $'…'),
 * escapes, `$VAR` and `${VAR}` (with `:-` `:=` `:?` `:+`), `$(…)` and backticks (read as scripts of their
 * own), `;` `&&` `||` `|` `&` and newlines, subshells and groups, functions, comments, here-documents and
 * here-strings, redirections, `for NAME in …` loops and assignments (see shell-flow.ts for how they flow).
 * It does not run anything. A value it cannot know before the script runs is marked dynamic, not guessed.
 */
import { closingParen, CommandSplitter } from './shell-commands.js';
import { concat, Flow, union, type Assignments, type Binding, type Scope } from './shell-flow.js';

export type { Assignments, Binding, Scope } from './shell-flow.js';

/** One shell word as bash would see it after expansion: the values it can take, and whether others too. */
export interface Word extends Binding {
  /** As written in the script, for messages. */
  raw: string;
  /** For a dynamic word: the text every value starts with (`--kubeconfig=` of `--kubeconfig="$X"`). */
  prefix?: string;
}

/** `> file`, `2>>log`, `< in`, `<<< text`: the operator and what it names. */
export interface Redirect {
  op: string;
  target: Word;
  /** As written (`2>&1`, `< <(curl …)`), for messages. */
  raw: string;
}

export interface SimpleCommand {
  words: Word[];
  /** Here-document bodies fed to this command (checked as scripts when the command is a shell). */
  heredocs: string[];
  redirects: Redirect[];
  /** Its input is the output of the command before it (`curl … | bash`). */
  piped: boolean;
  /** The variables as this command sees them, for the scripts it runs (`bash -c`, `eval`, a trap). */
  scope: Scope;
}

/** A script found inside another (`$(…)`, backticks, `<(…)`), with the variables where it was found. */
export interface NestedScript {
  text: string;
  scope: Scope;
}

export interface ReaderOptions {
  /** What the whole script assigns (what code that runs later may see); computed when absent. */
  later?: Assignments;
  /** The whole script runs later than it is written (a trap's code). */
  runsLater?: boolean;
}

const ANSI_C: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v' };

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** A word so far: its known alternatives, and (once something unknown joined it) the text before that. */
interface Piece extends Binding {
  prefix?: string;
}

function combine(piece: Piece, addition: Binding | undefined): Piece {
  const open = addition === undefined || addition.dynamic;
  const prefix = piece.prefix ?? (open ? commonPrefix(piece.values) : undefined);
  const next = concat(piece, addition ?? { values: [], dynamic: true });
  return prefix === undefined ? next : { ...next, prefix };
}

/** Where `${…}` ends, counting nested `${`. */
function closingBrace(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '$' && text[i + 1] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}

/** The text of `$'…'` starting at text[i] (the `$`), with its escapes, and where it ends. */
function ansiC(text: string, i: number): { value: string; end: number } {
  let value = '';
  let at = i + 2;
  while (at < text.length && text[at] !== "'") {
    const escaped = /^\\(?:x([0-9A-Fa-f]{1,2})|([0-7]{1,3})|(.))/s.exec(text.slice(at));
    if (!escaped) value += text[at++];
    else {
      const [whole, hex, octal, other = ''] = escaped;
      value += hex ? String.fromCharCode(parseInt(hex, 16)) : octal ? String.fromCharCode(parseInt(octal, 8)) : (ANSI_C[other] ?? other);
      at += whole.length;
    }
  }
  return { value, end: at + 1 };
}

export class ShellReader {
  /** Scripts found inside `$(…)`, backticks and `<(…)`: they run too, so they are read as well. */
  readonly nestedScripts: NestedScript[] = [];
  private currentFlow: Flow;

  constructor(
    scope: Scope,
    private readonly options: ReaderOptions = {},
  ) {
    this.currentFlow = new Flow(scope, options.later, options.runsLater);
  }

  /** What the variables hold as the script is read: the splitter tells it of keywords and assignments. */
  get flow(): Flow {
    return this.currentFlow;
  }

  /** The texts of the nested scripts. */
  get nested(): string[] {
    return this.nestedScripts.map((nested) => nested.text);
  }

  /** What the script assigned (after `commands`). */
  get assigned(): Assignments {
    return this.currentFlow.assigned;
  }

  /** The variables as code that runs later (a trap set here) sees them. */
  later(scope: Scope): Scope {
    return new ShellReader(scope, { later: this.currentFlow.assigned, runsLater: true }).snapshot();
  }

  private lookup(name: string): Binding | undefined {
    if (/^\d+$|^[@*#?$!-]$/.test(name)) return undefined;
    return this.currentFlow.lookup(name);
  }

  private nest(text: string): void {
    this.nestedScripts.push({ text, scope: this.currentFlow.snapshot() });
  }

  /** Reads `$…` at text[i] (text[i] === '$'); returns what it can hold and where it ends. */
  private dollar(text: string, i: number): { binding: Binding | undefined; end: number } {
    const next = text[i + 1];
    if (next === '(') {
      // For $(( arithmetic )) the search from the inner '(' already ends at the second closing parenthesis.
      const close = closingParen(text, i + 2);
      // A command substitution runs, and so does one inside arithmetic (which is otherwise not a script).
      const arithmetic = text[i + 2] === '(';
      const inside = arithmetic ? text.slice(i + 3, close - 1) : text.slice(i + 2, close);
      if (!arithmetic || /\$\(|`/.test(inside)) this.nest(inside);
      return { binding: undefined, end: close + 1 };
    }
    if (next === '{') {
      const close = closingBrace(text, i + 2);
      return { binding: this.parameter(text.slice(i + 2, close)), end: close + 1 };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9@*#?$!-]/.exec(text.slice(i + 1))?.[0];
    if (!name) return { binding: { values: ['$'], dynamic: false }, end: i + 1 };
    return { binding: this.lookup(name), end: i + 1 + name.length };
  }

  /** `${NAME}`, `${NAME:-word}` (also `-`, `:=`, `=`), `${NAME:?word}` (also `?`), `${NAME:+word}` (also `+`). */
  private parameter(inner: string): Binding | undefined {
    const match = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[@*#?$!-])(?:(:?)([-=?+])(.*))?$/s.exec(inner);
    if (!match?.[1]) return undefined;
    const [, name, colon, operator, operand = ''] = match;
    const known = this.lookup(name);
    if (!operator) return known;
    // With a colon an empty value counts as unset.
    const isSet = (value: string): boolean => colon !== ':' || value !== '';
    const word = (): Binding => this.word(operand, 0, true).word;
    if (operator === '?') return known && { values: known.values.filter(isSet), dynamic: known.dynamic };
    if (operator === '+') return known && !known.dynamic && known.values.every(isSet) ? word() : union({ values: [''], dynamic: false }, word());
    // `-` and `=`: the value where set, the operand where not; unknown may be either.
    if (!known) return { ...word(), dynamic: true };
    const values = known.values.filter(isSet);
    const fallback = known.dynamic || values.length < known.values.length ? word() : { values: [], dynamic: false };
    return union({ values, dynamic: known.dynamic }, fallback);
  }

  /** The simple commands of a script, in order, with the scope updated by its assignments and loops. */
  commands(text: string): SimpleCommand[] {
    if (this.options.later === undefined) {
      // A first reading finds what every variable is assigned anywhere, for code that runs later (loops, functions).
      const first = new ShellReader(new Map(this.currentFlow.scope), { later: { anywhere: new Map(), inLoop: new Map() } });
      first.commands(text);
      this.currentFlow = new Flow(this.currentFlow.scope, first.assigned, this.options.runsLater);
    }
    return new CommandSplitter(this, text).split();
  }

  /** A copy of the scope as the code at this point sees it. */
  snapshot(): Scope {
    return this.currentFlow.snapshot();
  }

  /** What an unquoted here-document body expands: its `$(…)` and backticks run. */
  expandHeredoc(body: string): void {
    for (let i = 0; i < body.length; i++) {
      if (body[i] === '\\') i++;
      else if (body[i] === '$') i = this.dollar(body, i).end - 1;
      else if (body[i] === '`') {
        const close = body.indexOf('`', i + 1);
        this.nest(body.slice(i + 1, close < 0 ? body.length : close));
        i = close < 0 ? body.length : close;
      }
    }
  }

  /**
   * One word starting at text[start]. `whole`: the text is one word (an operand in `${NAME:-…}`), blanks
   * and operators included.
   */
  word(text: string, start: number, whole = false): { word: Word; end: number } {
    let piece: Piece = { values: [''], dynamic: false };
    let i = start;
    const literal = (s: string): void => {
      piece = combine(piece, { values: [s], dynamic: false });
    };
    // `$…` or a backtick command at `at`, quoted or not; returns where it ends.
    const expand = (at: number): number => {
      if (text[at] === '$') {
        const expansion = this.dollar(text, at);
        piece = combine(piece, expansion.binding);
        return expansion.end;
      }
      const close = text.indexOf('`', at + 1);
      this.nest(text.slice(at + 1, close < 0 ? text.length : close));
      piece = combine(piece, undefined);
      return close < 0 ? text.length : close + 1;
    };
    while (i < text.length) {
      const c = text[i] ?? '';
      // ~ is the home folder at the start of a word, and after = or : in an assignment (KUBECONFIG=~/…).
      const before = text.slice(start, i);
      if (c === '~' && (before === '' || /^[A-Za-z_][A-Za-z0-9_]*\+?=(?:.*:)?$/.test(before)) && (i + 1 === text.length || /[/\s;&|:]/.test(text[i + 1] ?? ''))) {
        piece = combine(piece, this.lookup('HOME'));
        i++;
        continue;
      }
      if (!whole && /[\s;&|()<>]/.test(c)) {
        // A redirection's target is part of the command line but not a word we judge; `<(…)` runs a script.
        if ((c === '<' || c === '>') && text[i + 1] === '(') {
          const close = closingParen(text, i + 2);
          this.nest(text.slice(i + 2, close));
          i = close + 1;
          piece = combine(piece, undefined);
          continue;
        }
        break;
      }
      if (c === '\\') {
        literal(text[i + 1] ?? '');
        i += 2;
      } else if (c === '$' && text[i + 1] === "'") {
        const quoted = ansiC(text, i);
        literal(quoted.value);
        i = quoted.end;
      } else if (c === "'") {
        const close = text.indexOf("'", i + 1);
        literal(text.slice(i + 1, close < 0 ? text.length : close));
        i = close < 0 ? text.length : close + 1;
      } else if (c === '"' || (c === '$' && text[i + 1] === '"')) {
        // $"…" is a translated string: for our purposes the same as "…".
        i = this.doubleQuoted(text, c === '$' ? i + 2 : i + 1, literal, expand);
      } else if (c === '$' || c === '`') {
        i = expand(i);
      } else {
        literal(c);
        i++;
      }
    }
    const raw = text.slice(start, i);
    const word: Word = { values: piece.values, dynamic: piece.dynamic, raw };
    return { word: piece.dynamic ? { ...word, prefix: piece.prefix ?? '' } : word, end: i };
  }

  /** Inside "…" from `i` (after the quote); returns where it ends. */
  private doubleQuoted(text: string, i: number, literal: (s: string) => void, expand: (at: number) => number): number {
    while (i < text.length && text[i] !== '"') {
      const d = text[i] ?? '';
      if (d === '\\' && /["\\$`\n]/.test(text[i + 1] ?? '')) {
        literal(text[i + 1] === '\n' ? '' : (text[i + 1] ?? ''));
        i += 2;
      } else if (d === '$' || d === '`') {
        i = expand(i);
      } else {
        literal(d);
        i++;
      }
    }
    return i + 1;
  }
}
