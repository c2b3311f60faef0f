/**
 * The commands of a script, for the shell reader (shell-words.ts): where each simple command ends (`;`
 * `&&` `||` `|` `&` newlines, parentheses, braces), its redirections and here-documents, and what the
 * flow learns on the way (shell-flow.ts): reserved words, functions, case patterns, and the variables
 * that assignments, `for` headers and `read` set.
 */
import { concat, union, type Binding } from './shell-flow.js';
import type { ShellReader, SimpleCommand, Word } from './shell-words.js';

const OPERATOR = /^(?:&&|\|\||;;&|;;|;&|\|&|[;&|()\n])/;
const RESERVED_START = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'esac', 'coproc', 'function']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
/** Builtins that set the variables they name to what they read (`read -r NAME`, `mapfile NAME`), and their options that take a value. */
const READS_INTO = new Map([
  ['read', /^-[adinNptu]$/],
  ['mapfile', /^-[dnOsuC]$/],
  ['readarray', /^-[dnOsuC]$/],
]);
const UNKNOWN: Binding = { values: [], dynamic: true };

/** Where `$(…)` or `` `…` `` ends, counting nested parentheses and skipping quotes. */
export function closingParen(text: string, start: number): number {
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

/** Splits a script into simple commands, telling the reader's flow about keywords, functions and branches. */
export class CommandSplitter {
  private readonly commands: SimpleCommand[] = [];
  private current: SimpleCommand;
  private readonly pendingHeredocs: { delimiter: string; quoted: boolean; target: SimpleCommand }[] = [];
  /** The command now being read runs only if the one before it succeeded or failed (`a && b`). */
  private conditional = false;
  private skipTimeOption = false;
  private i = 0;

  constructor(
    private readonly reader: ShellReader,
    private readonly text: string,
  ) {
    this.current = this.fresh(false);
  }

  private fresh(piped: boolean): SimpleCommand {
    return { words: [], heredocs: [], redirects: [], piped, scope: new Map() };
  }

  split(): SimpleCommand[] {
    const text = this.text;
    while (this.i < text.length) {
      const c = text[this.i] ?? '';
      const rest = text.slice(this.i);
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '\\' && text[this.i + 1] === '\n') this.i += 2;
      else if (c === '#') {
        const end = text.indexOf('\n', this.i);
        this.i = end < 0 ? text.length : end;
      } else if (!this.heredoc(rest) && !this.redirect(rest)) {
        const operator = OPERATOR.exec(rest)?.[0];
        if (operator) this.operator(operator);
        else this.word();
      }
    }
    this.finish(undefined);
    return this.commands;
  }

  private heredoc(rest: string): boolean {
    const heredoc = /^<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(rest);
    if (!heredoc?.[3]) return false;
    this.pendingHeredocs.push({ delimiter: heredoc[3], quoted: heredoc[2] !== '', target: this.current });
    this.i += heredoc[0].length;
    return true;
  }

  /** A redirection and its target are not words of the command (`2>&1`, `> out.txt`, `<<< "$x"`). */
  private redirect(rest: string): boolean {
    const match = /^(?:\d+|\{[A-Za-z_]\w*\})?(&>>|&>|>>|>&|<&|<<<|<>|>\||>|<)(?!\()/.exec(rest);
    if (!match?.[1]) return false;
    const start = this.i;
    this.i += match[0].length;
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i++;
    if (this.text[this.i] === '-') this.i++;
    else if (this.i < this.text.length && !OPERATOR.test(this.text.slice(this.i))) {
      const { word, end } = this.reader.word(this.text, this.i);
      this.current.redirects.push({ op: match[1], target: word, raw: this.text.slice(start, end) });
      this.i = end;
    }
    return true;
  }

  private operator(operator: string): void {
    this.i += operator.length;
    if (operator === '(' && this.functionParens()) return;
    if (operator === '(' && this.arrayLiteral()) return;
    if (operator === ')' && this.reader.flow.inCase()) return this.casePattern();
    this.finish(operator);
    // A `)` that ended a case's first pattern (`case $x in a)`, read with its header) closed nothing.
    if (operator === '(' || (operator === ')' && !this.reader.flow.inCase())) this.reader.flow.keyword(operator);
    if (operator.startsWith(';;') || operator === ';&') this.reader.flow.keyword(operator === ';&' ? ';&' : ';;');
    if (operator === '\n') this.readHeredocs();
  }

  /** `a)` or `*)` in a case: a pattern, not a command. */
  private casePattern(): void {
    this.reader.flow.keyword(this.current.words.length === 1 && this.current.words[0]?.raw === '*' ? '*)' : 'pattern)');
    this.current = this.fresh(false);
  }

  /** `NAME ( )`: a function definition, not a command; its body follows. */
  private functionParens(): boolean {
    const after = /^\s*\)/.exec(this.text.slice(this.i));
    if (!after || this.current.words.length !== 1) return false;
    this.reader.flow.defineFunction(this.current.words[0]?.raw ?? '');
    this.current = this.fresh(false);
    this.i += after[0].length;
    return true;
  }

  /** `NAME=( … )`: an array; its words are values, not a command (known only at run time, here). */
  private arrayLiteral(): boolean {
    const last = this.current.words.at(-1);
    if (!last || !/^[A-Za-z_]\w*\+?=$/.test(last.raw)) return false;
    const close = closingParen(this.text, this.i);
    this.current.words[this.current.words.length - 1] = { ...last, values: [], dynamic: true, prefix: last.raw, raw: `${last.raw}(${this.text.slice(this.i, close)})` };
    this.i = close + 1;
    return true;
  }

  /** Here-document bodies start on the next line and end at their delimiter, alone on a line. */
  private readHeredocs(): void {
    for (const { delimiter, quoted, target } of this.pendingHeredocs.splice(0)) {
      const lines: string[] = [];
      while (this.i < this.text.length) {
        const end = this.text.indexOf('\n', this.i);
        const line = this.text.slice(this.i, end < 0 ? this.text.length : end);
        this.i = end < 0 ? this.text.length : end + 1;
        if (line.replace(/^\t+/, '') === delimiter) break;
        lines.push(line);
      }
      const body = lines.join('\n');
      // Unquoted, the body is expanded as it is fed: a $(…) in it runs.
      if (!quoted) this.reader.expandHeredoc(body);
      target.heredocs.push(body);
    }
  }

  private word(): void {
    const start = this.current.words.length === 0;
    const scope = start ? this.reader.snapshot() : undefined;
    const { word, end } = this.reader.word(this.text, this.i);
    this.i = end;
    if (start && this.skipTimeOption && word.raw === '-p') return;
    this.skipTimeOption = false;
    if (start && RESERVED_START.has(word.raw)) return this.reserved(word.raw);
    if (scope) this.current.scope = scope;
    this.current.words.push(word);
  }

  private reserved(word: string): void {
    this.skipTimeOption = word === 'time';
    if (word === 'function') this.functionName();
    else if (word === 'coproc') this.coprocName();
    else this.reader.flow.keyword(word);
  }

  /** `function NAME`, with or without `()`. */
  private functionName(): void {
    const name = /^\s*([^\s(){};&|<>]+)\s*(?:\(\s*\))?/.exec(this.text.slice(this.i));
    if (!name?.[1]) return;
    this.reader.flow.defineFunction(name[1]);
    this.i += name[0].length;
  }

  /** `coproc NAME { …; }`: the name is not a command; `coproc kubectl …` runs kubectl. */
  private coprocName(): void {
    const name = /^\s*[A-Za-z_]\w*(?=\s*[{(])/.exec(this.text.slice(this.i));
    if (name) this.i += name[0].length;
  }

  /** Applied as each command ends: a loop's or assignment's variable is known to the commands after it. */
  private finish(operator: string | undefined): void {
    const command = this.current;
    const pipes = operator === '|' || operator === '|&';
    if (command.words.length > 0 || command.heredocs.length > 0 || command.redirects.length > 0) {
      if (command.words.length === 0) command.scope = this.reader.snapshot();
      const surely = !this.conditional && !command.piped && !pipes && operator !== '&';
      this.commands.push(...this.applyScope(command, surely));
    }
    if (command.words[0]?.raw === 'case') {
      this.reader.flow.keyword('case');
      // `case $x in *)`: the header ends with the first pattern.
      if (operator === ')') this.reader.flow.keyword(command.words.at(-1)?.raw === '*' ? '*)' : 'pattern)');
    }
    this.current = this.fresh(pipes);
    if (operator === '&&' || operator === '||') this.conditional = true;
    else if (operator !== undefined && !pipes) this.conditional = false;
  }

  /**
   * Loops and assignments change what later variables can hold; `for` headers are not commands.
   * `surely`: the command runs whenever the code after it does (not after `&&`, not in a pipeline).
   */
  private applyScope(command: SimpleCommand, surely: boolean): SimpleCommand[] {
    const [first, second, third] = command.words;
    if ((first?.raw === 'for' || first?.raw === 'select') && second) {
      const items = third?.raw === 'in' ? command.words.slice(3) : [];
      this.reader.flow.assign(second.raw, third?.raw === 'in' ? items.reduce<Binding>(union, { values: [], dynamic: false }) : UNKNOWN, surely);
      return [];
    }
    if (first?.raw === 'for' || first?.raw === 'case') return [];
    const declared = ['export', 'local', 'declare', 'readonly', 'typeset'].includes(first?.raw ?? '');
    const assignsOnly = command.words.length > 0 && command.words.every((word) => ASSIGNMENT.test(word.raw));
    if (assignsOnly || declared) for (const word of command.words.slice(declared ? 1 : 0)) this.assignWord(word, surely);
    else this.readsInto(command.words.filter((word) => !ASSIGNMENT.test(word.raw)), surely);
    const program = command.words.find((word) => !ASSIGNMENT.test(word.raw));
    if (program) this.reader.flow.command(program.raw);
    return [command];
  }

  private assignWord(word: Word, surely: boolean): void {
    const [whole, name, append] = ASSIGNMENT.exec(word.raw) ?? [];
    if (!whole || !name) return;
    const value: Binding = { values: word.values.map((value) => value.slice(value.indexOf('=') + 1)), dynamic: word.dynamic };
    // NAME+=x appends to what NAME held.
    this.reader.flow.assign(name, append ? concat(this.reader.flow.lookup(name) ?? UNKNOWN, value) : value, surely);
  }

  /** `read NAME`, `mapfile NAME`, `printf -v NAME`, `getopts SPEC NAME`: the names get values read at run time. */
  private readsInto(words: readonly Word[], surely: boolean): void {
    const program = words[0]?.raw ?? '';
    const names: string[] = [];
    if (program === 'printf' && words[1]?.raw === '-v' && words[2]) names.push(words[2].raw);
    if (program === 'getopts' && words[2]) names.push(words[2].raw);
    const valued = READS_INTO.get(program);
    if (valued) {
      for (let index = 1; index < words.length; index++) {
        const raw = words[index]?.raw ?? '';
        if (valued.test(raw) && raw !== '-a') index++;
        else if (raw === '-a' && words[index + 1]) names.push(words[++index]?.raw ?? '');
        else if (!raw.startsWith('-')) names.push(raw);
      }
    }
    for (const name of names) if (/^[A-Za-z_]\w*$/.test(name)) this.reader.flow.assign(name, UNKNOWN, surely);
  }
}
