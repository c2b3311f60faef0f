// What a variable can hold where it is used, as bash runs the script rather than as it reads top to bottom:
// a branch may not run, a loop body runs again after its own last line, a function or a trap runs later, a
// subshell keeps its assignments. A value the reader misses here is a context the guard never checks.
import { describe, expect, it } from 'vitest';
import { MAX_VALUES } from '../../src/cluster/shell-flow.js';
import { ShellReader, type Scope } from '../../src/cluster/shell-words.js';

const known = (...values: string[]) => ({ values, dynamic: false });
const scope = (): Scope =>
  new Map([
    ['HOME', known('/home/learner')],
    ['CTX', known('kind-cluster1')],
  ]);
/** The values of the last word of every `use` command: `|`-separated, with `?` when it can also be unknown. */
const used = (script: string): string[] =>
  new ShellReader(scope())
    .commands(script)
    .filter((command) => command.words[0]?.raw === 'use')
    .map((command) => {
      const word = command.words.at(-1);
      return word ? [...word.values].sort().concat(word.dynamic ? ['?'] : []).join('|') : '';
    });

describe('branches: after if, case, && and ||, any branch may have run', () => {
  it('an assignment in an if without else joins what was there before', () => {
    expect(used('C=prod; if test -n "$X"; then C=ok; fi; use $C')).toEqual(['ok|prod']);
    expect(used('if test -n "$X"; then C=ok; fi; use $C')).toEqual(['ok|?']);
  });

  it('with an else, one of the branches surely ran', () => {
    expect(used('C=prod; if a; then C=one; elif b; then C=two; else C=three; fi; use $C')).toEqual(['one|three|two']);
  });

  it("the first condition always runs: what it assigns holds in every branch", () => {
    expect(used('C=ok; if C=prod; false; then :; else use $C; fi')).toEqual(['prod']);
  });

  it('inside a branch, its own assignments hold', () => {
    expect(used('C=prod; if a; then C=ok; use $C; else use $C; fi')).toEqual(['ok', 'prod']);
  });

  it('a case with a *) pattern surely runs one branch; without one, maybe none', () => {
    expect(used('case "$x" in a) C=one ;; *) C=two ;; esac; use $C')).toEqual(['one|two']);
    expect(used('C=prod; case "$x" in\n  a) C=one ;;\n  b) C=two ;;\nesac\nuse $C')).toEqual(['one|prod|two']);
    expect(used('case "$x" in *) C=one ;; esac; use $C')).toEqual(['one']);
  });

  it("an elif's condition ran before every branch after it: the else sees what it assigned", () => {
    expect(used('C=ok; if false; then :; elif C=prod; false; then :; else use $C; fi')).toEqual(['prod']);
    expect(used('C=ok; if a; then :; elif C=prod; b; then C=two; fi; use $C')).toEqual(['ok|prod|two']);
  });

  it("a case's last branch may end without ;;", () => {
    expect(used('C=ok; case "$x" in a) C=one ;; b) C=prod\nesac\nuse $C')).toEqual(['ok|one|prod']);
  });

  it('a branch that falls through (;&) may start where the one before ended', () => {
    expect(used('C=ok; case "$x" in a) C=prod ;& b) use $C ;; esac')).toEqual(['ok|prod']);
  });

  it('case patterns are not commands', () => {
    const commands = new ShellReader(scope()).commands('case "$x" in kubectl) echo one ;; *) echo two ;; esac');
    expect(commands.map((command) => command.words.map((word) => word.raw))).toEqual([
      ['echo', 'one'],
      ['echo', 'two'],
    ]);
  });

  it('after && or ||, the assignment may not have run', () => {
    expect(used('C=ok; [ -n "$X" ] && C=prod; use $C')).toEqual(['ok|prod']);
    expect(used('C=ok; true || C=prod; use $C')).toEqual(['ok|prod']);
    expect(used('C=ok; [ -n "$X" ] && C=prod; C=again; use $C')).toEqual(['again']);
  });
});

describe('loops: the body runs again, or not at all', () => {
  it('the body sees what it assigns after the line that uses it', () => {
    expect(used('C=ok; while true; do use $C; C=prod; done')).toEqual(['ok|prod']);
    expect(used('for i in 1 2; do use $C; C=prod; done')).toEqual(['prod|?']);
  });

  it('a branch, a group or a subshell runs once: it does not see what it assigns after a use', () => {
    expect(used('C=ok; if a; then use $C; C=prod; fi')).toEqual(['ok']);
    expect(used('C=ok; { use $C; C=prod; }; (use $C; C=prod)')).toEqual(['ok', 'prod']);
    expect(used('C=ok; case "$x" in a) use $C; C=prod ;; esac')).toEqual(['ok']);
  });

  it('a loop inside the body, or a negated command, does not end the body', () => {
    expect(used('for i in 1 2; do use $C; while false; do :; done; C=prod; done')).toEqual(['prod|?']);
    expect(used('for i in 1 2; do use $C; ! false; C=prod; done')).toEqual(['prod|?']);
  });

  it("a loop's own variable is what the header lists, not what it held before", () => {
    expect(used('c=cluster2; for c in kind-cluster1 kind-cluster2; do use $c; done')).toEqual(['kind-cluster1|kind-cluster2']);
  });

  it('after a loop that may not run, the value from before it is still possible', () => {
    expect(used('C=ok; while read x; do C=prod; done < list; use $C')).toEqual(['ok|prod']);
  });

  it("the lessons' pattern: a context picked per cluster in a loop", () => {
    const script = 'for c in cluster1 cluster2; do\n  ctx=$CTX; [ "$c" = cluster2 ] && ctx=kind-cluster2\n  use "$ctx"\ndone';
    expect(used(script)).toEqual(['kind-cluster1|kind-cluster2']);
  });
});

describe('values the reader stops counting', () => {
  it(`more than ${MAX_VALUES} possible values are a value only known at run time; that many are each known`, () => {
    const items = (count: number) => Array.from({ length: count }, (_, index) => `c${index}`);
    expect(used(`for C in ${items(MAX_VALUES).join(' ')}; do use $C; done`)[0]?.split('|')).toHaveLength(MAX_VALUES);
    expect(used(`for C in ${items(MAX_VALUES + 1).join(' ')}; do use $C; done`)).toEqual(['?']);
    // Every pairing of two words' values counts: 8 × 8 is known, 8 × 9 is not.
    expect(used(`for A in ${items(8).join(' ')}; do for B in ${items(8).join(' ')}; do use $A$B; done; done`)[0]?.split('|')).toHaveLength(64);
    expect(used(`for A in ${items(8).join(' ')}; do for B in ${items(9).join(' ')}; do use $A$B; done; done`)).toEqual(['?']);
  });

  it('two pairings that spell the same text are one value', () => {
    expect(used('for A in a ab; do for B in bc c; do use $A$B; done; done')).toEqual(['abbc|abc|ac']);
  });
});

describe('a script bash would stop at (a syntax error)', () => {
  it('a keyword out of place stops nothing: what comes before it is read as usual', () => {
    for (const stray of ['fi', 'done', 'esac', 'then', 'else', '}', ')', ';;']) expect(used(`C=ok; use $C\n${stray}\nuse $C`)[0]).toBe('ok');
  });
});

describe('functions and subshells', () => {
  it("a function body runs when called: it sees what the script assigns anywhere", () => {
    expect(used('C=ok; f() { use $C; }; C=prod; f')).toEqual(['ok|prod']);
    expect(used('function f { use $C; }; C=prod; f')).toEqual(['prod|?']);
  });

  it('defining a function runs nothing; calling it applies what it assigns', () => {
    expect(used('C=ok; f() { C=prod; }; use $C; f; use $C')).toEqual(['ok', 'ok|prod']);
  });

  it('a subshell keeps its assignments; a pipeline part runs in one too', () => {
    expect(used('C=prod; (C=ok); use $C')).toEqual(['prod']);
    expect(used('C=prod; (C=ok; use $C)')).toEqual(['ok']);
    expect(used('C=prod; echo x | C=ok; use $C')).toEqual(['ok|prod']);
    expect(used('C=prod; { C=ok; }; use $C')).toEqual(['ok']);
  });

  it('`function NAME` and `coproc NAME { … }` are not commands; their bodies are', () => {
    const words = (script: string): string[][] => new ShellReader(scope()).commands(script).map((command) => command.words.map((word) => word.raw));
    expect(words('function f { kubectl get ns; }')).toEqual([['kubectl', 'get', 'ns']]);
    expect(words('function f() {\n  kubectl get ns\n}')).toEqual([['kubectl', 'get', 'ns']]);
    expect(words('f() { kubectl get ns; }')).toEqual([['kubectl', 'get', 'ns']]);
    expect(words('coproc W { kubectl get ns; }')).toEqual([['kubectl', 'get', 'ns']]);
    expect(words('coproc kubectl get ns')).toEqual([['kubectl', 'get', 'ns']]);
    expect(words('time -p kubectl get ns')).toEqual([['kubectl', 'get', 'ns']]);
  });
});

describe('variables set other ways', () => {
  it('read, mapfile, printf -v and getopts set what they name to values read at run time', () => {
    expect(used('C=ok; read -r C; use $C')).toEqual(['?']);
    expect(used('C=ok; IFS= read -r -p "context? " C < f; use $C')).toEqual(['?']);
    expect(used('C=ok; mapfile -t C < f; use $C')).toEqual(['?']);
    expect(used('C=ok; printf -v C %s "$X"; use $C')).toEqual(['?']);
    expect(used('C=ok; getopts c: C; use $C')).toEqual(['?']);
    expect(used('C=ok; read -r X; use $C')).toEqual(['ok']);
  });

  it("read's options that take a value are not names; its flags (-r, -s, -e) take none", () => {
    for (const option of ['-d ,', '-i text', '-n 3', '-N 3', '-p prompt', '-t 5', '-u 3']) expect(used(`C=ok; X=ok; read ${option} C; use $C; use $X`)).toEqual(['?', 'ok']);
    for (const flag of ['-r', '-s', '-e', '-rs']) expect(used(`C=ok; read ${flag} C; use $C`)).toEqual(['?']);
    expect(used('C=ok; X=ok; read -a C X; use $C; use $X')).toEqual(['?', '?']);
    expect(used('C=ok; read -a; use $C')).toEqual(['ok']);
  });

  it("mapfile's and readarray's options that take a value are not names", () => {
    for (const program of ['mapfile', 'readarray']) {
      for (const option of ['-d ,', '-n 3', '-O 1', '-s 1', '-u 3', '-C cb']) expect(used(`C=ok; X=ok; ${program} ${option} C; use $C; use $X`)).toEqual(['?', 'ok']);
    }
  });

  it('export, local, declare, readonly and typeset assign; a prefix assignment sets the variable for its command only', () => {
    for (const builtin of ['export', 'local', 'declare', 'readonly', 'typeset']) expect(used(`C=ok; ${builtin} C=prod; use $C`)).toEqual(['prod']);
    expect(used('C=ok; declare -x C=prod X; use $C')).toEqual(['prod']);
    expect(used('C=ok; C=prod true; use $C')).toEqual(['ok']);
    expect(used('C=ok; printf %s C; getopts c C; use $C')).toEqual(['?']);
    expect(used('C=ok; printf -v; getopts c; use $C')).toEqual(['ok']);
  });

  it('NAME+=… appends', () => {
    expect(used('C=kind-; C+=prod; use $C')).toEqual(['kind-prod']);
    expect(used('C+=x; use $C')).toEqual(['?']);
  });

  it('an array is one assignment, not a command, known only at run time', () => {
    const commands = new ShellReader(scope()).commands('A=(kubectl --context prod); use ${A[0]}');
    expect(commands.map((command) => command.words.map((word) => word.raw))).toEqual([['A=(kubectl --context prod)'], ['use', '${A[0]}']]);
    expect(commands[0]?.words[0]?.dynamic).toBe(true);
  });
});

describe('what a command carries for the guard', () => {
  it('the variables as it sees them, not as the script ends', () => {
    const reader = new ShellReader(scope());
    const commands = reader.commands('C=prod; bash -c \'use "$C"\'; C=ok');
    expect(commands[1]?.scope.get('C')).toEqual(known('prod'));
  });

  it('a nested script, the variables where it was found', () => {
    const reader = new ShellReader(scope());
    reader.commands('C=prod; echo "$(use $C)"; C=ok');
    expect(reader.nestedScripts.map((nested) => [nested.text, nested.scope.get('C')])).toEqual([['use $C', known('prod')]]);
  });

  it('its redirections: the operator, the target as a word, and how it was written', () => {
    const [command] = new ShellReader(scope()).commands('cat < ~/in 2>&1 >>"$CTX.log" <<< text');
    expect(command?.redirects.map(({ op, target, raw }) => [op, target.values, raw])).toEqual([
      ['<', ['/home/learner/in'], '< ~/in'],
      ['>&', ['1'], '2>&1'],
      ['>>', ['kind-cluster1.log'], '>>"$CTX.log"'],
      ['<<<', ['text'], '<<< text'],
    ]);
  });

  it('a command of redirections only is still a command', () => {
    expect(new ShellReader(scope()).commands('> ~/out')[0]?.redirects[0]?.target.values).toEqual(['/home/learner/out']);
    expect(new ShellReader(scope()).commands('while read x; do :; done < ~/list').at(-1)?.redirects[0]?.target.values).toEqual(['/home/learner/list']);
  });

  it('whether its input is piped from the command before', () => {
    expect(new ShellReader(scope()).commands('curl -s x | bash; bash').map((command) => command.piped)).toEqual([false, true, false]);
  });

  it('for a dynamic word, the text every value starts with', () => {
    const [command] = new ShellReader(scope()).commands('kubectl --kubeconfig="$X" --context=pre$(date) "$Y"');
    expect(command?.words.slice(1).map((word) => word.prefix)).toEqual(['--kubeconfig=', '--context=pre', '']);
  });

  it("an unquoted here-document's $(…) runs; a quoted one's is text", () => {
    const reader = new ShellReader(scope());
    reader.commands("cat <<EOF\n$(kubectl get ns)\nEOF\ncat <<'EOF'\n$(kubectl get pods)\nEOF");
    expect(reader.nested).toEqual(['kubectl get ns']);
  });
});
