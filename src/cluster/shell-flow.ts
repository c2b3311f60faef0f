/**
 * What a script's variables can hold at each point, as bash runs it, for the shell reader (shell-words.ts).
 * Read top to bottom, a script can mislead: `C=prod; if false; then C=kind-cluster1; fi` leaves C as prod,
 * and a loop body runs again after its own last line. So an assignment replaces a value only where it
 * surely runs; after `if`, `case` and loops (which may not run), after `&&`/`||`, in a pipeline and in
 * the background, a variable holds any value it had on any way there. A subshell's assignments stay in
 * it. Code that runs later than it is written also sees what is assigned after it: a loop body's next
 * turn what the body assigns, a function body or a trap what the script assigns anywhere (`Assignments`,
 * gathered by a first reading of the script).
 */

/** What a variable or word can hold: the values known before the script runs, and whether it can hold others. */
export interface Binding {
  /** The possible values known before the script runs (a loop variable can take several). */
  values: string[];
  /** It can also hold a value only known when the script runs (then `values` may be empty). */
  dynamic: boolean;
}

/** Variables and what they can hold; a name missing here is unknown (dynamic). */
export type Scope = Map<string, Binding>;

/** What a script assigns: anywhere, and inside each loop (numbered in the order their `do` comes). */
export interface Assignments {
  anywhere: Scope;
  inLoop: Map<number, Scope>;
}

/** More possible values than this and a word is not one we can reason about cheaply: unknown instead. */
export const MAX_VALUES = 64;

/** Either of two bindings: what a variable holds after two ways meet, or a word's alternatives. */
export function union(a: Binding, b: Binding): Binding {
  const values = [...new Set([...a.values, ...b.values])];
  return values.length > MAX_VALUES ? { values: [], dynamic: true } : { values, dynamic: a.dynamic || b.dynamic };
}

/** One binding's text followed by another's: every pairing of their values. */
export function concat(a: Binding, b: Binding): Binding {
  const pairings = a.values.flatMap((left) => b.values.map((right) => left + right));
  // With one value on either side, the pairings are as distinct as the other side's values; only several on
  // both can meet (`a|ab` then `bc|c`). A word is read a character at a time: a Set each time would read its
  // whole text again each time, and a long `bash -c '…'` would take seconds.
  const values = a.values.length > 1 && b.values.length > 1 ? [...new Set(pairings)] : pairings;
  return values.length > MAX_VALUES ? { values: [], dynamic: true } : { values, dynamic: a.dynamic || b.dynamic };
}

/** The scope after several ways that meet: a variable unknown on one of them is unknown after. */
export function join(scopes: readonly Scope[]): Scope {
  const joined: Scope = new Map();
  for (const name of new Set(scopes.flatMap((scope) => [...scope.keys()]))) {
    const bindings = scopes.map((scope) => scope.get(name) ?? { values: [], dynamic: true });
    joined.set(name, bindings.reduce(union));
  }
  return joined;
}

type FrameKind = 'if' | 'case' | 'loop' | 'function' | 'subshell' | 'group';

interface Frame {
  kind: FrameKind;
  /** The scope where it starts: a branch not taken, a loop run no times, a function not called yet. */
  before: Scope;
  /** The scope at the end of each branch seen so far (if/elif/else, case patterns). */
  ends: Scope[];
  /** An `else` or a `*)` pattern: one of the branches surely runs, so the start is not a way out. */
  elseSeen: boolean;
  /** In a case: a pattern has started a branch that no `;;` has ended yet. */
  inBranch: boolean;
  /** For a function body: its name, and what it assigns (applied where it is called). */
  function?: { name: string; assigned: Scope };
  /** For a loop: its number, and what its body assigns (what its next turn sees). */
  loop?: { number: number; assigned: Scope };
}

function record(scope: Scope, name: string, binding: Binding): void {
  const known = scope.get(name);
  scope.set(name, known ? union(known, binding) : binding);
}

/** The words that open a frame, and its kind; `{` and `(` open a function's body after its name. */
const OPENERS = { if: 'if', case: 'case', do: 'loop', '(': 'subshell', '{': 'group' } as const satisfies Record<string, FrameKind>;

export class Flow {
  private readonly frames: Frame[] = [];
  /** What this reading finds assigned: a first reading's result is what the next one sees as `later`. */
  readonly assigned: Assignments = { anywhere: new Map(), inLoop: new Map() };
  private readonly functions = new Map<string, Scope>();
  private functionName: string | undefined;
  private loops = 0;

  /**
   * @param later what the whole script assigns, seen by code that runs later than it is written
   * @param runsLater the whole script runs later than written (a trap's code)
   */
  constructor(
    public scope: Scope,
    private readonly later: Assignments = { anywhere: new Map(), inLoop: new Map() },
    private readonly runsLater = false,
  ) {}

  lookup(name: string): Binding | undefined {
    const later = this.assignedLater().get(name);
    return later ? this.alsoLater(name, later) : this.scope.get(name);
  }

  /** A copy of the scope as code here sees it, for a script read elsewhere (`$(…)`, `bash -c`). */
  snapshot(): Scope {
    const copy = new Map(this.scope);
    for (const [name, later] of this.assignedLater()) copy.set(name, this.alsoLater(name, later));
    return copy;
  }

  /** `surely`: the assignment runs whenever the code after it does (not after `&&`, not in a pipeline). */
  assign(name: string, binding: Binding, surely: boolean): void {
    record(this.assigned.anywhere, name, binding);
    for (const frame of this.frames) {
      if (frame.function) record(frame.function.assigned, name, binding);
      if (frame.loop) record(frame.loop.assigned, name, binding);
    }
    const before = this.scope.get(name);
    if (surely) this.scope.set(name, binding);
    else this.scope.set(name, before ? union(before, binding) : { values: binding.values, dynamic: true });
  }

  /** `NAME() {` or `function NAME {`: the next `{` opens its body. */
  defineFunction(name: string): void {
    this.functionName = name;
  }

  /** A command that calls a function runs its body: what it assigns is what the variables may hold after. */
  command(program: string): void {
    for (const [variable, binding] of this.functions.get(program) ?? []) this.assign(variable, binding, false);
  }

  /** A reserved word at the start of a command, `{ } ( )`, or what ends or starts a case branch (`;;`, `;&`, `a)`). */
  keyword(word: string): void {
    if (word === 'if' || word === 'case' || word === 'do' || word === '(' || word === '{') return this.open(word);
    // Bash runs no compound command it cannot parse whole, and stops at a syntax error: a keyword out of
    // place (`fi` without `if`) is in code that never runs, and only must not stop the reading.
    const top = this.frames.at(-1);
    if (!top) return;
    // Each condition runs before its branch, and before every branch after it and the way past them all.
    if (word === 'then') top.before = new Map(this.scope);
    else if (word === 'elif' || word === 'else' || word === ';;') this.branch(top, word === 'else');
    // `;&` falls through: the next branch may start where this one ended.
    else if (word === ';&') this.scope = join([this.scope, top.before]);
    else if (word === 'pattern)' || word === '*)') {
      top.inBranch = true;
      // A `*)` pattern matches whatever the others do not: some branch surely runs.
      top.elseSeen ||= word === '*)';
    } else if (word === 'fi' || word === 'esac' || word === 'done') this.closeBranches(top);
    else if (word === ')' || word === '}') this.close(top);
  }

  /** Between `case … in` and `esac`, outside any branch's own subshell: a `)` ends a pattern. */
  inCase(): boolean {
    return this.frames.at(-1)?.kind === 'case';
  }

  /** What code here may also see: what is assigned after it but may run before it (a loop's next turn, a function called later). */
  private assignedLater(): Scope {
    const later: Scope = new Map();
    const scopes = this.runsLater || this.frames.some((frame) => frame.function) ? [this.later.anywhere] : this.frames.flatMap((frame) => (frame.loop ? [this.later.inLoop.get(frame.loop.number) ?? new Map<string, Binding>()] : []));
    for (const scope of scopes) for (const [name, binding] of scope) record(later, name, binding);
    return later;
  }

  /** What a variable holds here, given what code that runs later assigns it too. */
  private alsoLater(name: string, later: Binding): Binding {
    const now = this.scope.get(name);
    // Unknown before the first assignment: the variable may not be set yet where this runs.
    return now ? union(now, later) : { values: later.values, dynamic: true };
  }

  private open(word: keyof typeof OPENERS): void {
    const body = word === '{' || word === '(';
    const name = body ? this.functionName : undefined;
    const frame: Frame = { kind: name === undefined ? OPENERS[word] : 'function', before: new Map(this.scope), ends: [], elseSeen: false, inBranch: false };
    if (name !== undefined) frame.function = { name, assigned: new Map() };
    if (word === 'do') {
      const number = this.loops++;
      frame.loop = { number, assigned: new Map() };
      this.assigned.inLoop.set(number, frame.loop.assigned);
    }
    this.frames.push(frame);
    if (body) this.functionName = undefined;
  }

  /** The next branch starts where the construct started. */
  private branch(frame: Frame, isElse: boolean): void {
    frame.ends.push(this.scope);
    frame.elseSeen ||= isElse;
    frame.inBranch = false;
    this.scope = new Map(frame.before);
  }

  /** After the construct: any branch's end, or its start when no branch had to run. */
  private closeBranches(frame: Frame): void {
    this.frames.pop();
    // After a case's last `;;` no branch is open: the scope then is only the start again.
    const last = frame.kind === 'case' && !frame.inBranch ? [] : [this.scope];
    this.scope = join([...frame.ends, ...last, ...(frame.elseSeen ? [] : [frame.before])]);
  }

  /**
   * A group's assignments stay; a subshell's do not. A function body runs only when called: nothing
   * changes here, and each call applies what it assigns.
   */
  private close(frame: Frame): void {
    this.frames.pop();
    if (frame.kind === 'group') return;
    this.scope = frame.before;
    if (frame.function) this.functions.set(frame.function.name, frame.function.assigned);
  }
}
