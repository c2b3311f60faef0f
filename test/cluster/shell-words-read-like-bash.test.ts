// The context guard judges the words bash would run; a word read differently from bash is a context or a
// kubeconfig the guard never sees. Each case is what bash makes of a line, as the guard's reader reads it.
import { describe, expect, it } from 'vitest';
import { ShellReader, type Scope } from '../../src/cluster/shell-words.js';

const known = (...values: string[]) => ({ values, dynamic: false });
const scope = (): Scope =>
  new Map([
    ['HOME', known('/home/learner')],
    ['CTX', known('kind-cluster1')],
    ['EMPTY', known('')],
  ]);
/** Each command's words: their values, `|`-separated, and `?` among them for a word that can also hold what is only known at run time. */
const read = (script: string, variables: Scope = scope()): string[][] =>
  new ShellReader(variables).commands(script).map((command) => command.words.map((word) => [...word.values, ...(word.dynamic ? ['?'] : [])].join('|')));

describe('quotes, escapes and variables', () => {
  it('single quotes, double quotes and backslashes make one word', () => {
    expect(read(`kubectl --context 'kind-''cluster1' "a b" c\\ d 'x"y' "p'q"`)).toEqual([['kubectl', '--context', 'kind-cluster1', 'a b', 'c d', 'x"y', "p'q"]]);
  });

  it('inside double quotes a backslash escapes only " \\ $ ` and a newline', () => {
    expect(read('echo "a\\"b" "c\\\\d" "\\$CTX" "e\\xf" "g\\\nh" "\\`"')).toEqual([['echo', 'a"b', 'c\\d', '$CTX', 'e\\xf', 'gh', '`']]);
  });

  it('expands $NAME and ${NAME}, quoted or not, and keeps a lone $', () => {
    expect(read('echo $CTX "${CTX}" x$CTX-y "$" $ "a$"')).toEqual([['echo', 'kind-cluster1', 'kind-cluster1', 'xkind-cluster1-y', '$', '$', 'a$']]);
  });

  it('${NAME:-default} and ${NAME-default}: the value when set and not empty, else the default', () => {
    expect(read('echo ${CTX:-prod} ${EMPTY:-prod} ${CTX-prod} ${EMPTY-prod}')).toEqual([['echo', 'kind-cluster1', 'prod', 'kind-cluster1', '']]);
  });

  it('a variable the reader does not know may still be set when the script runs: the default is one value it may take', () => {
    expect(read('echo ${UNSET:-prod} ${UNSET-prod} "${UNSET:-a b}" ${1:-x}')).toEqual([['echo', 'prod|?', 'prod|?', 'a b|?', 'x|?']]);
  });

  it('the operand of ${NAME:-…} is expanded too', () => {
    expect(read('echo ${UNSET:-$CTX} ${EMPTY:-~/x} ${EMPTY:-"a b"}')).toEqual([['echo', 'kind-cluster1|?', '/home/learner/x', 'a b']]);
    const reader = new ShellReader(scope());
    reader.commands('echo ${EMPTY:-$(kubectl --context prod get ns)}');
    expect(reader.nested).toEqual(['kubectl --context prod get ns']);
  });

  it('${NAME:?message} is the value (the script stops where it is unset); ${NAME:+word} the word where set', () => {
    expect(read('echo ${CTX:?set it} ${EMPTY?x} ${UNSET:?set it} ${CTX:+w} ${EMPTY:+w} ${EMPTY+w} ${UNSET:+w}')).toEqual([['echo', 'kind-cluster1', '', '?', 'w', '|w', 'w', '|w']]);
  });

  it('$\'…\' decodes its escapes; $"…" is a double-quoted string', () => {
    expect(read("echo $'pr\\x6fd' $'a\\tb' $'it\\'s' $\"$CTX\" $'\\101'")).toEqual([['echo', 'prod', 'a\tb', "it's", 'kind-cluster1', 'A']]);
  });

  it('anything it cannot know before the script runs is dynamic', () => {
    expect(read('echo $UNSET ${UNSET} ${CTX/kind/x} ${#CTX} $1 $@ $? $(date) `date` pre$(date)post "${UNSET}"')).toEqual([['echo', '?', '?', '?', '?', '?', '?', '?', '?', '?', '?', '?']]);
  });

  it('an unclosed quote runs to the end of the script', () => {
    expect(read("echo 'never closed")).toEqual([['echo', 'never closed']]);
    expect(read('echo "never closed $CTX')).toEqual([['echo', 'never closed kind-cluster1']]);
  });

  it('~ is the home folder alone, before a slash, and after = or : in an assignment', () => {
    expect(read('ls ~ ~/.kube a~ ~user KUBECONFIG=~/k PATH=/bin:~/bin X=a~')).toEqual([['ls', '/home/learner', '/home/learner/.kube', 'a~', '~user', 'KUBECONFIG=/home/learner/k', 'PATH=/bin:/home/learner/bin', 'X=a~']]);
    expect(read('echo ~', new Map())).toEqual([['echo', '?']]);
    expect(read('echo ~;echo ~|cat')).toEqual([['echo', '/home/learner'], ['echo', '/home/learner'], ['cat']]);
  });
});

describe('commands', () => {
  it('split at ; && || | & |& newlines, parentheses and braces', () => {
    expect(read('a 1; b && c || d | e & f |& g\nh (i) { j; }')).toEqual([['a', '1'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g'], ['h'], ['i'], ['j']]);
  });

  it('skip reserved words at the start of a command', () => {
    expect(read('if kubectl get ns; then echo yes; elif x; then y; else z; fi; while a; do b; done; until c; do d; done; ! e; time f')).toEqual([
      ['kubectl', 'get', 'ns'],
      ['echo', 'yes'],
      ['x'],
      ['y'],
      ['z'],
      ['a'],
      ['b'],
      ['c'],
      ['d'],
      ['e'],
      ['f'],
    ]);
    expect(read('echo if then')).toEqual([['echo', 'if', 'then']]);
  });

  it('leave out comments, and join lines continued with a backslash', () => {
    expect(read('kubectl get ns # --context prod\nkubectl \\\n  --context x get ns')).toEqual([['kubectl', 'get', 'ns'], ['kubectl', '--context', 'x', 'get', 'ns']]);
    expect(read('echo a#b')).toEqual([['echo', 'a#b']]);
    expect(read('# only a comment')).toEqual([]);
  });

  it('leave out redirections and their targets, not the words after them', () => {
    expect(read('kubectl get ns > out.txt 2>&1 --context x >> log <in 2>/dev/null &>all <<< "$CTX" {fd}>f 3<> rw >| clobber >&- y')).toEqual([['kubectl', 'get', 'ns', '--context', 'x', 'y']]);
    expect(read('echo > ; next')).toEqual([['echo'], ['next']]);
  });
});

describe('scripts inside scripts', () => {
  it('$(…), backticks and <(…) >(…) run too: their text is read as scripts of their own', () => {
    const reader = new ShellReader(scope());
    reader.commands('echo "$(kubectl get ns)" `kubectl get pods` $(a $(b) c) diff <(x 1) >(y 2) "$(echo \')\')"');
    expect(reader.nested).toEqual(['kubectl get ns', 'kubectl get pods', 'a $(b) c', 'x 1', 'y 2', "echo ')'"]);
  });

  it('arithmetic $((…)) is not a script, and its value is only known at run time', () => {
    const reader = new ShellReader(scope());
    expect(reader.commands('echo $((1 + 2))')[0]?.words.map((word) => word.dynamic)).toEqual([false, true]);
    expect(reader.nested).toEqual([]);
  });

  it('here-documents belong to their command, ending at the delimiter alone on a line', () => {
    const commands = new ShellReader(scope()).commands("bash <<EOF\nkubectl get ns\n  EOF\nEOF\ncat <<-'END' | sh\n\tx\n\tEND\nafter");
    expect(commands.map((command) => [command.words.map((word) => word.raw), command.heredocs])).toEqual([
      [['bash'], ['kubectl get ns\n  EOF']],
      [['cat'], ['\tx']],
      [['sh'], []],
      [['after'], []],
    ]);
  });

  it('a here-document that never ends runs to the end of the script', () => {
    expect(new ShellReader(scope()).commands('bash <<EOF\nkubectl get ns')[0]?.heredocs).toEqual(['kubectl get ns']);
  });
});

describe('variables the script sets', () => {
  it('an assignment is known to the commands after it, and only after', () => {
    expect(read('echo $C; C=prod; echo $C; export D=x E=$C; echo $D$E; readonly F=1; local G=2; declare H=3; echo $F$G$H')).toEqual([
      ['echo', '?'],
      ['C=prod'],
      ['echo', 'prod'],
      ['export', 'D=x', 'E=prod'],
      ['echo', 'xprod'],
      ['readonly', 'F=1'],
      ['local', 'G=2'],
      ['declare', 'H=3'],
      ['echo', '123'],
    ]);
  });

  it('an assignment from something only known at run time makes the variable unknown again', () => {
    expect(read('C=prod; C=$(cat ctx); echo $C; export D=x; export D=$UNSET; echo $D')).toEqual([['C=prod'], ['?'], ['echo', '?'], ['export', 'D=x'], ['export', '?'], ['echo', '?']]);
  });

  it('a prefix assignment is not a variable of the script', () => {
    expect(read('C=prod kubectl get ns; echo $C')).toEqual([['C=prod', 'kubectl', 'get', 'ns'], ['echo', '?']]);
  });

  it('a for loop variable takes each value in turn, and the header is not a command', () => {
    expect(read('for c in $CTX prod "a b"; do kubectl --context $c; done')).toEqual([['kubectl', '--context', 'kind-cluster1|prod|a b']]);
    expect(read('for c in a b; do for d in 1 2; do echo $c-$d; done; done')).toEqual([['echo', 'a-1|a-2|b-1|b-2']]);
  });

  it('a loop over something only known at run time leaves its variable unknown', () => {
    expect(read('c=prod; for c in $(cat list); do echo $c; done')).toEqual([['c=prod'], ['echo', '?']]);
    expect(read('for c; do echo $c; done')).toEqual([['echo', '?']]);
  });

  it('a case header is not a command; its branches are', () => {
    expect(read('case $x in a) kubectl --context prod get ns;; esac')).toEqual([['kubectl', '--context', 'prod', 'get', 'ns']]);
  });

  it('a word with more than 64 possible values is unknown rather than guessed', () => {
    const eight = 'a b c d e f g h';
    expect(read(`for x in ${eight}; do for y in ${eight}; do echo $x$y; done; done`)[0]?.[1]?.split('|')).toHaveLength(64);
    expect(read(`for x in ${eight} i; do for y in ${eight}; do echo $x$y; done; done`)).toEqual([['echo', '?']]);
  });
});

describe('details bash reads and a guard must read alike', () => {
  it('tabs separate words, and a backslash before a command name is only quoting', () => {
    expect(read('kubectl\t--context\tprod')).toEqual([['kubectl', '--context', 'prod']]);
    expect(read('\\kubectl --context prod')).toEqual([['kubectl', '--context', 'prod']]);
  });

  it('a redirection glued to a word still ends it; multi-digit and named descriptors are redirections', () => {
    expect(read('kubectl get ns>out --context prod')).toEqual([['kubectl', 'get', 'ns', '--context', 'prod']]);
    expect(read('kubectl get ns 10>log {logfd}>f >\tout --context prod')).toEqual([['kubectl', 'get', 'ns', '--context', 'prod']]);
  });

  it('a process substitution is one word only known at run time, and the command goes on after it', () => {
    expect(read('kubectl apply -f <(cat x) --context prod')).toEqual([['kubectl', 'apply', '-f', '?', '--context', 'prod']]);
  });

  it('backticks inside double quotes run too; an unclosed one runs to the end', () => {
    const reader = new ShellReader(scope());
    expect(reader.commands('echo "`kubectl get ns`" `kubectl --context prod')).toEqual([expect.objectContaining({ words: [expect.objectContaining({ raw: 'echo' }), expect.objectContaining({ dynamic: true }), expect.objectContaining({ dynamic: true })] })]);
    expect(reader.nested).toEqual(['kubectl get ns', 'kubectl --context prod']);
  });

  it('$(…) counts escaped parentheses as text', () => {
    const reader = new ShellReader(scope());
    reader.commands('echo $(echo \\) x) after');
    expect(reader.nested).toEqual(['echo \\) x']);
  });

  it('<<- strips every leading tab of its delimiter; a trailing tab is part of the line', () => {
    expect(new ShellReader(scope()).commands('bash <<-EOF\n\t\tkubectl get ns\n\t\tEOF\nafter').map(({ words, heredocs }) => ({ words, heredocs }))).toEqual([
      { words: [{ values: ['bash'], dynamic: false, raw: 'bash' }], heredocs: ['\t\tkubectl get ns'] },
      { words: [{ values: ['after'], dynamic: false, raw: 'after' }], heredocs: [] },
    ]);
    expect(new ShellReader(scope()).commands('bash <<EOF\nEOF\t\nEOF')[0]?.heredocs).toEqual(['EOF\t']);
  });

  it('~ is not expanded in an option that only looks like an assignment', () => {
    expect(read('echo --opt=~/x')).toEqual([['echo', '--opt=~/x']]);
  });

  it('variables with longer names, and ${NAME} of an empty value', () => {
    expect(read('ABC_1=prod; echo $ABC_1 x${EMPTY}y')).toEqual([['ABC_1=prod'], ['echo', 'prod', 'xy']]);
    expect(read('export ABC=prod; echo $ABC')).toEqual([['export', 'ABC=prod'], ['echo', 'prod']]);
  });

  it('${NAME:-default} over a loop variable that is sometimes empty: the default where empty, the value elsewhere', () => {
    expect(read('for c in "" x; do echo ${c:-d}; done')).toEqual([['echo', 'x|d']]);
  });

  it('only `for NAME in` starts a loop header', () => {
    expect(read('grep x in file')).toEqual([['grep', 'x', 'in', 'file']]);
  });
});
