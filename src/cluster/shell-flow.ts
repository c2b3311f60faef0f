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
  const values = [...new Set(a.values.flatMap((left) => b.values.map((right) => left + right)))];
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
  /** The word that opened it; a `{` or `(` (a group, a subshell, a function body) is closed by `}` or `)`. */
  opener: string;
  /** The scope where it starts: a branch not taken, a loop run no times, a function not called yet. */
  before: Scope;
  /** The scope at the end of each branch seen so far (if/elif/else, case patterns). */
  ends: Scope[];
  /** An `else` or a `*)` pattern: one of the branches surely runs, so the start is not a way out. */
  elseSeen: boolean;
  /** In a case: a pattern has started a branch that no `;;` has ended yet. */
  inBranch: boolean;
  /** For a function body: its name, and what it assigns (applied where it is called). */
  name?: string;
  assigned: Scope;
  /** For a loop: its number. */
  loop?: number;
}

function record(scope: Scope, name: string, binding: Binding): void {
  const known = scope.get(name);
  scope.set(name, known ? union(known, binding) : binding);
}

const CLOSERS: Record<string, string> = { '{': '}', '(': ')' };

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
    const now = this.scope.get(name);
    const other = this.laterScopes()
      .map((scope) => scope.get(name))
      .reduce<Binding | undefined>((all, binding) => (all && binding ? union(all, binding) : (all ?? binding)), undefined);
    if (!other) return now;
    // Unknown before the first assignment: the variable may not be set yet where this runs.
    return now ? union(now, other) : { values: other.values, dynamic: true };
  }

  /** A copy of the scope as code here sees it, for a script read elsewhere (`$(…)`, `bash -c`). */
  snapshot(): Scope {
    const copy = new Map(this.scope);
    for (const scope of this.laterScopes()) for (const name of scope.keys()) copy.set(name, this.lookup(name) ?? { values: [], dynamic: true });
    return copy;
  }

  /** `surely`: the assignment runs whenever the code after it does (not after `&&`, not in a pipeline). */
  assign(name: string, binding: Binding, surely: boolean): void {
    record(this.assigned.anywhere, name, binding);
    for (const frame of this.frames) {
      if (frame.kind === 'function') record(frame.assigned, name, binding);
      if (frame.loop !== undefined) record(this.assignedInLoop(frame.loop), name, binding);
    }
    const before = this.scope.get(name);
    if (surely) this.scope.set(name, binding);
    else this.scope.set(name, before ? union(before, binding) : { values: binding.values, dynamic: true });
  }

  /** `NAME() {` or `function NAME {`: the next `{` opens its body. */
  defineFunction(name: string): void {
    this.functionName = name;
  }

  isFunction(name: string): boolean {
    return this.functions.has(name);
  }

  /** A call runs the body: what it assigns is what the variables may hold after. */
  call(name: string): void {
    for (const [variable, binding] of this.functions.get(name) ?? []) this.assign(variable, binding, false);
  }

  /** A reserved word at the start of a command, `{ } ( )`, or what ends or starts a case branch (`;;`, `;&`, `a)`). */
  keyword(word: string): void {
    const top = this.frames.at(-1);
    if (word === 'if' || word === 'case' || word === 'do' || word === '(' || word === '{') this.open(word);
    // The first condition always runs: the branches start after it.
    else if (word === 'then' && top?.kind === 'if' && top.ends.length === 0) top.before = new Map(this.scope);
    else if ((word === 'elif' || word === 'else') && top?.kind === 'if') this.branch(top, word === 'else');
    else if (word === ';;' && top?.kind === 'case') this.branch(top, false);
    // `;&` falls through: the next branch may start where this one ended.
    else if (word === ';&' && top?.kind === 'case') this.scope = join([this.scope, top.before]);
    else if ((word === 'pattern)' || word === '*)') && top?.kind === 'case') {
      top.inBranch = true;
      // A `*)` pattern matches whatever the others do not: some branch surely runs.
      top.elseSeen ||= word === '*)';
    }
    else if ((word === 'fi' && top?.kind === 'if') || (word === 'esac' && top?.kind === 'case') || (word === 'done' && top?.kind === 'loop')) this.closeBranches(top);
    // `)` also ends a case pattern, which opened nothing.
    else if (top && CLOSERS[top.opener] === word) this.close(top);
  }

  /** Between `case … in` and `esac`, outside any branch's own subshell: a `)` ends a pattern. */
  inCase(): boolean {
    return this.frames.at(-1)?.kind === 'case';
  }

  /** What code here may also see: what is assigned after it but may run before it. */
  private laterScopes(): Scope[] {
    if (this.runsLater || this.frames.some((frame) => frame.kind === 'function')) return [this.later.anywhere];
    return this.frames.flatMap((frame) => (frame.loop === undefined ? [] : [this.later.inLoop.get(frame.loop) ?? new Map<string, Binding>()]));
  }

  private assignedInLoop(loop: number): Scope {
    const scope = this.assigned.inLoop.get(loop) ?? new Map<string, Binding>();
    this.assigned.inLoop.set(loop, scope);
    return scope;
  }

  private open(word: string): void {
    const kinds: Record<string, FrameKind> = { if: 'if', case: 'case', do: 'loop', '(': 'subshell', '{': 'group' };
    const body = word === '{' || word === '(';
    const name = body ? this.functionName : undefined;
    const kind = name === undefined ? (kinds[word] ?? 'group') : 'function';
    const frame: Frame = { kind, opener: word, before: new Map(this.scope), ends: [], elseSeen: false, inBranch: false, assigned: new Map() };
    if (name !== undefined) frame.name = name;
    if (kind === 'loop') frame.loop = this.loops++;
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
    if (frame.name !== undefined) this.functions.set(frame.name, frame.assigned);
  }
}
