/**
 * Enough of bash's grammar to see which commands a script runs and with which words: quotes, escapes,
 * `$VAR` and `${VAR}`, `$(…)` and backticks (read as scripts of their own), `;` `&&` `||` `|` `&` and
 * newlines, subshells and groups, comments, here-documents, `for NAME in …` loops and assignments.
 * It does not run anything. Variables it cannot resolve are marked dynamic rather than guessed.
 */

/** One shell word as bash would see it after expansion: every value it can take, or dynamic. */
export interface Word {
  /** The possible values (a loop variable can take several); empty when `dynamic`. */
  values: string[];
  /** Holds an expansion whose value is not known before the script runs. */
  dynamic: boolean;
  /** As written in the script, for messages. */
  raw: string;
}

export interface SimpleCommand {
  words: Word[];
  /** Here-document bodies fed to this command (checked as scripts when the command is a shell). */
  heredocs: string[];
}

/** Variables and their possible values; a name missing here is unknown (dynamic). */
export type Scope = Map<string, string[]>;

const OPERATOR = /^(?:&&|\|\||;;|\|&|[;&|()\n])/;
const RESERVED_START = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'esac']);

interface Piece {
  /** Alternatives so far; several when a multi-valued variable was expanded. */
  values: string[];
  dynamic: boolean;
}

function combine(piece: Piece, addition: string[] | undefined): Piece {
  if (addition === undefined) return { values: [], dynamic: true };
  if (piece.dynamic) return piece;
  const values = piece.values.flatMap((left) => addition.map((right) => left + right));
  // A product that grows without bound means the script is not one we can reason about cheaply.
  return values.length > 64 ? { values: [], dynamic: true } : { values, dynamic: false };
}

/** Where `$(…)` or `` `…` `` ends, counting nested parentheses and skipping quotes. */
function closingParen(text: string, start: number): number {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'") i = text.indexOf("'", i + 1) < 0 ? text.length : text.indexOf("'", i + 1);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return text.length;
}

export class ShellReader {
  /** Scripts found inside `$(…)`, backticks and `<(…)`: they run too, so they are read as well. */
  readonly nested: string[] = [];

  constructor(private readonly scope: Scope) {}

  private lookup(name: string): string[] | undefined {
    if (/^\d+$|^[@*#?$!-]$/.test(name)) return undefined;
    return this.scope.get(name);
  }

  /** Reads `$…` at text[i] (text[i] === '$'); returns the values and where it ends. */
  private dollar(text: string, i: number): { values: string[] | undefined; end: number } {
    const next = text[i + 1];
    if (next === '(') {
      // For $(( arithmetic )) the search from the inner '(' already ends at the second closing parenthesis.
      const close = closingParen(text, i + 2);
      // A command substitution runs, and so does one inside arithmetic (which is otherwise not a script).
      const arithmetic = text[i + 2] === '(';
      const inside = arithmetic ? text.slice(i + 3, close - 1) : text.slice(i + 2, close);
      if (!arithmetic || /\$\(|`/.test(inside)) this.nested.push(inside);
      return { values: undefined, end: close + 1 };
    }
    if (next === '{') {
      const close = text.indexOf('}', i + 2);
      const inner = text.slice(i + 2, close < 0 ? text.length : close);
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?::?-(.*))?$/s.exec(inner);
      const end = close < 0 ? text.length : close + 1;
      if (!match?.[1]) return { values: undefined, end };
      const known = this.lookup(match[1]);
      if (known !== undefined && (match[2] === undefined || known.every((value) => value !== ''))) return { values: known, end };
      return { values: match[2] === undefined ? undefined : [match[2]], end };
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9@*#?$!-]/.exec(text.slice(i + 1))?.[0];
    if (!name) return { values: ['$'], end: i + 1 };
    return { values: this.lookup(name), end: i + 1 + name.length };
  }

  /** The simple commands of a script, in order, with the scope updated by its assignments and loops. */
  commands(text: string): SimpleCommand[] {
    const commands: SimpleCommand[] = [];
    let current: SimpleCommand = { words: [], heredocs: [] };
    const pendingHeredocs: { delimiter: string; target: SimpleCommand }[] = [];
    // Applied as each command ends: a loop's or assignment's variable is known to the commands after it.
    const finish = (): void => {
      if (current.words.length > 0 || current.heredocs.length > 0) commands.push(...this.applyScope(current));
      current = { words: [], heredocs: [] };
    };
    let i = 0;
    while (i < text.length) {
      const c = text[i] ?? '';
      if (c === ' ' || c === '\t') {
        i++;
        continue;
      }
      if (c === '\\' && text[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (c === '#') {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
        continue;
      }
      const heredoc = /^<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(text.slice(i));
      if (heredoc?.[3]) {
        pendingHeredocs.push({ delimiter: heredoc[3], target: current });
        i += heredoc[0].length;
        continue;
      }
      // A redirection and its target are not words of the command (`2>&1`, `> out.txt`, `<<< "$x"`).
      const redirect = /^(?:\d+|\{[A-Za-z_]\w*\})?(?:&>>|&>|>>|>&|<&|<<<|<>|>\||>|<)(?!\()/.exec(text.slice(i))?.[0];
      if (redirect) {
        i += redirect.length;
        while (text[i] === ' ' || text[i] === '\t') i++;
        if (text[i] === '-') i++;
        else if (i < text.length && !OPERATOR.test(text.slice(i))) i = this.word(text, i).end;
        continue;
      }
      const operator = OPERATOR.exec(text.slice(i))?.[0];
      if (operator) {
        finish();
        i += operator.length;
        if (operator === '\n') {
          // Here-document bodies start on the next line and end at their delimiter, alone on a line.
          for (const { delimiter, target } of pendingHeredocs.splice(0)) {
            const lines: string[] = [];
            while (i < text.length) {
              const end = text.indexOf('\n', i);
              const line = text.slice(i, end < 0 ? text.length : end);
              i = end < 0 ? text.length : end + 1;
              if (line.replace(/^\t+/, '') === delimiter) break;
              lines.push(line);
            }
            target.heredocs.push(lines.join('\n'));
          }
        }
        continue;
      }
      const { word, end } = this.word(text, i);
      i = end;
      if (current.words.length === 0 && RESERVED_START.has(word.raw)) continue;
      current.words.push(word);
    }
    finish();
    return commands;
  }

  /** Loops and assignments change what later variables can hold; `for` headers are not commands. */
  private applyScope(command: SimpleCommand): SimpleCommand[] {
    const [first, second, third] = command.words;
    if (first?.raw === 'for' && second && third?.raw === 'in') {
      const items = command.words.slice(3);
      if (items.some((item) => item.dynamic)) this.scope.delete(second.raw);
      else this.scope.set(second.raw, items.flatMap((item) => item.values));
      return [];
    }
    if (first?.raw === 'for' || first?.raw === 'case') return [];
    const assignsOnly = command.words.length > 0 && command.words.every((word) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(word.raw));
    const exported = first?.raw === 'export' || first?.raw === 'local' || first?.raw === 'declare' || first?.raw === 'readonly';
    if (assignsOnly || exported) {
      for (const word of command.words.slice(exported ? 1 : 0)) {
        const name = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(word.raw)?.[1];
        if (!name) continue;
        if (word.dynamic) this.scope.delete(name);
        else this.scope.set(name, word.values.map((value) => value.slice(name.length + 1)));
      }
    }
    return [command];
  }

  private word(text: string, start: number): { word: Word; end: number } {
    let piece: Piece = { values: [''], dynamic: false };
    let i = start;
    const literal = (s: string): void => {
      piece = combine(piece, [s]);
    };
    // `$…` or a backtick command at `at`, quoted or not; returns where it ends.
    const expand = (at: number): number => {
      if (text[at] === '$') {
        const expansion = this.dollar(text, at);
        piece = combine(piece, expansion.values);
        return expansion.end;
      }
      const close = text.indexOf('`', at + 1);
      this.nested.push(text.slice(at + 1, close < 0 ? text.length : close));
      piece = { values: [], dynamic: true };
      return close < 0 ? text.length : close + 1;
    };
    while (i < text.length) {
      const c = text[i] ?? '';
      // ~ is the home folder at the start of a word, and after = or : in an assignment (KUBECONFIG=~/…).
      const before = text.slice(start, i);
      if (c === '~' && (before === '' || /^[A-Za-z_][A-Za-z0-9_]*=(?:.*:)?$/.test(before)) && (i + 1 === text.length || /[/\s;&|:]/.test(text[i + 1] ?? ''))) {
        piece = combine(piece, this.lookup('HOME'));
        i++;
        continue;
      }
      if (/[\s;&|()<>]/.test(c)) {
        // A redirection's target is part of the command line but not a word we judge; `<(…)` runs a script.
        if ((c === '<' || c === '>') && text[i + 1] === '(') {
          const close = closingParen(text, i + 2);
          this.nested.push(text.slice(i + 2, close));
          i = close + 1;
          piece = { values: [], dynamic: true };
          continue;
        }
        break;
      }
      if (c === '\\') {
        literal(text[i + 1] ?? '');
        i += 2;
      } else if (c === "'") {
        const close = text.indexOf("'", i + 1);
        literal(text.slice(i + 1, close < 0 ? text.length : close));
        i = close < 0 ? text.length : close + 1;
      } else if (c === '"') {
        i++;
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
        i++;
      } else if (c === '$' || c === '`') {
        i = expand(i);
      } else {
        literal(c);
        i++;
      }
    }
    return { word: { values: piece.dynamic ? [] : piece.values, dynamic: piece.dynamic, raw: text.slice(start, i) }, end: i };
  }
}
