// kubectl's JSONPath (src/checks/jsonpath*.ts), template by template: what `kubectl get -o jsonpath=…` prints
// or the error it reports. The differential test against the real kubectl is test/checks/jsonpath.test.ts.
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, JsonPathError, parseJsonPath } from '../../src/checks/jsonpath.js';
import { errorOf } from '../helpers/jsonpath-errors.js';

// Every literal expectation below was taken from kubectl v1.32 output.

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' }, annotations: { 'kubernetes.io/x': 'dot' } },
  spec: {
    containers: [
      { name: 'c1', image: 'nginx', ports: [{ containerPort: 80 }] },
      { name: 'c2', image: 'busybox' },
    ],
  },
  status: { phase: 'Running' },
};

const list = {
  kind: 'List',
  items: [
    { metadata: { name: 'a', labels: { app: 'helloworld' } }, spec: { n: 3, f: 1.5, t: true, z: null }, status: { phase: 'Running', podIP: '10.0.0.1' } },
    { metadata: { name: 'b', labels: { app: 'other' } }, spec: { n: 5, f: 2.5, t: false }, status: { phase: 'Pending' } },
    { metadata: { name: 'c', labels: { app: 'helloworld' } }, spec: { n: 7 }, status: { phase: 'Running', podIP: '10.0.0.3' } },
  ],
};

function run(template: string, data: unknown = list, allowMissingKeys?: boolean): string {
  return evaluateJsonPath(template, data, allowMissingKeys === undefined ? {} : { allowMissingKeys });
}


describe('fields and text', () => {
  it('prints plain text around actions', () => {
    expect(run('name: {.metadata.name} }', pod)).toBe('name: web }');
  });

  it('reads nested fields, with $ and @ as the current object', () => {
    expect(run('{.metadata.name}{$.kind}{@.status.phase}', pod)).toBe('webPodRunning');
    expect(run('{  .kind  }', pod)).toBe('Pod');
  });

  it('escapes dots in keys with a backslash', () => {
    expect(run('{.metadata.annotations.kubernetes\\.io/x}', pod)).toBe('dot');
  });

  it("re-parses ['key'] as a path, so a dotted key is not found", () => {
    expect(run("{.metadata.labels['app']}", pod)).toBe('web');
    expect(run("{.metadata.annotations['kubernetes.io/x']}", pod)).toBe('');
    expect(run("{['metadata.name']}", pod)).toBe('web');
  });

  it('rejects double-quoted keys', () => {
    expect(errorOf(() => parseJsonPath('{["kind"]}')).message).toBe('invalid array index "kind"');
  });

  it('prints the whole object for {} and {@}', () => {
    expect(run('{}', { b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
    expect(run('{@}', ['a', 'b'])).toBe('["a","b"]');
  });

  it('prints nothing for missing keys by default', () => {
    expect(run('{.nope}{.metadata.name.x}{.spec.containers.name}', pod)).toBe('');
  });

  it('throws "<key> is not found" when missing keys are not allowed', () => {
    const error = errorOf(() => run('{.metadata.nope}', pod, false));
    expect(error.message).toBe('nope is not found');
    expect(error.offset).toBe('{.metadata.'.length);
  });

  it('does not complain when some inputs have the key', () => {
    expect(run('{.items[*].status.podIP}', list, false)).toBe('10.0.0.1 10.0.0.3');
  });
});

describe('value printing', () => {
  const values = {
    int: 3,
    float: 1.5,
    big: 1e21,
    g: 1234567.5,
    tiny: 0.00001,
    t: true,
    z: null,
    s: 'a<b>&\u2028\b\f\u0001é',
    e: {},
    ea: [],
    nested: { b: [1, 'x'], a: { c: null } },
  };

  it('prints scalars the way Go fmt does', () => {
    expect(run('{.int}|{.float}|{.big}|{.g}|{.tiny}|{.t}|{.z}', values)).toBe('3|1.5|1e+21|1.2345675e+06|1e-05|true|null');
  });

  it('prints strings raw', () => {
    expect(run('{.s}', values)).toBe('a<b>&\u2028\b\f\u0001é');
  });

  it('prints maps and arrays as compact, key-sorted, HTML-safe JSON', () => {
    expect(run('{.e}{.ea}', values)).toBe('{}[]');
    expect(run('{.nested}', values)).toBe('{"a":{"c":null},"b":[1,"x"]}');
    expect(run('{@}', values)).toBe(
      '{"big":1e+21,"e":{},"ea":[],"float":1.5,"g":1234567.5,"int":3,' +
        '"nested":{"a":{"c":null},"b":[1,"x"]},"s":"a\\u003cb\\u003e\\u0026\\u2028\\b\\f\\u0001é",' +
        '"t":true,"tiny":0.00001,"z":null}',
    );
  });

  it('joins the results of one action with a single space', () => {
    expect(run('{.items[*].metadata.name}')).toBe('a b c');
    expect(run('{.items[*].spec.f}')).toBe('1.5 2.5');
  });

  it('prints number and bool literals', () => {
    expect(run('{1}{1.50}{true}{-3}', {})).toBe('11.5true-3');
  });

  it('prints <no value> for a nil root', () => {
    expect(run('{@}', null)).toBe('<no value>');
  });
});

describe('string literals', () => {
  it('unquotes escapes like Go', () => {
    expect(run('{"a\\"b"}', {})).toBe('a"b');
    expect(run("{'it\\'s'}", {})).toBe("it's");
    expect(run('{"\\x41\\u00e9\\101"}', {})).toBe('AéA');
    expect(run('{"\\n"}{\'\\t\'}', {})).toBe('\n\t');
  });

  it('rejects unknown escapes', () => {
    expect(errorOf(() => parseJsonPath('{"\\q"}')).message).toBe('unquote string "\\q" error invalid syntax');
    expect(errorOf(() => parseJsonPath('{"\\\'"}')).message).toBe('unquote string "\\\'" error invalid syntax');
  });
});

describe('indexes and slices', () => {
  it('indexes, including from the end', () => {
    expect(run('{.items[0].metadata.name}{.items[-1].metadata.name}')).toBe('ac');
  });

  it('slices with start, end and step', () => {
    expect(run('{.items[0:2].metadata.name}')).toBe('a b');
    expect(run('{.items[1:].metadata.name}')).toBe('b c');
    expect(run('{.items[::2].metadata.name}')).toBe('a c');
    expect(run('{.items[-2:].metadata.name}')).toBe('b c');
  });

  it('treats [] as [0]', () => {
    expect(run('{.items[].metadata.name}')).toBe('a');
  });

  it('errors on out-of-range indexes instead of clamping', () => {
    expect(errorOf(() => run('{.items[5]}')).message).toBe('array index out of bounds: index 5, length 3');
    expect(errorOf(() => run('{.items[0:10]}')).message).toBe('array index out of bounds: index 9, length 3');
    expect(errorOf(() => run('{.items[2:1]}')).message).toBe('starting index 2 is greater than ending index 1');
    expect(errorOf(() => run('{.items[0:1:0]}')).message).toBe('step must be > 0');
    expect(errorOf(() => run('{.x[0]}', { x: [] })).message).toBe('array index out of bounds: index 0, length 0');
  });

  it('allows an empty slice', () => {
    expect(run('{.items[1:1]}x')).toBe('x');
  });

  it('stops the whole step at the first empty selection, like kubectl', () => {
    const data = { items: [{ ips: [{ name: 'r1' }] }, { ips: [] }, { ips: [{ name: 'r3' }] }] };
    expect(run('{.items[*].ips[*].name}', data)).toBe('r1');
  });

  it('names the Go type when indexing a non-array', () => {
    expect(errorOf(() => run('{.metadata[0]}', pod)).message).toBe('map[string]interface {} is not array or slice');
    expect(errorOf(() => run('{.items[0].spec.f[0]}')).message).toBe('float64 is not array or slice');
    expect(errorOf(() => run('{1[0]}', {})).message).toBe('int is not array or slice');
  });
});

describe('wildcards, recursion and unions', () => {
  it('expands [*] and .*', () => {
    expect(run('{.spec.containers[*].name}', pod)).toBe('c1 c2');
    expect(run('{.spec.containers.*.image}', pod)).toBe('nginx busybox');
    expect(run('{.metadata.labels.*}', pod)).toBe('web fe');
  });

  it('expands a string into its UTF-8 bytes', () => {
    expect(run('{.spec.containers[0].name.*}', pod)).toBe('99 49');
  });

  it('descends recursively with ..', () => {
    expect(run('{..phase}')).toBe('Running Pending Running');
    expect(run('{..name}', pod)).toBe('web c1 c2');
    expect(run('{.metadata.labels..}', pod)).toBe('{"app":"web","tier":"fe"} web fe');
  });

  it('unions indexes and keys', () => {
    expect(run('{.items[0,2].metadata.name}')).toBe('a c');
    expect(run('{.items[ 0 , 2 ].metadata.name}')).toBe('a c');
    expect(run("{.metadata.labels['app','tier']}", pod)).toBe('web fe');
  });
});

describe('filters', () => {
  it('compares strings', () => {
    expect(run('{.items[?(@.metadata.labels.app=="helloworld")].metadata.name}')).toBe('a c');
    expect(run('{.items[?(@.status.podIP!="10.0.0.1")].metadata.name}')).toBe('c');
    expect(run('{.items[?(@.metadata.name<"b")].metadata.name}')).toBe('a');
    expect(run('{.items[?(@.metadata.name>="b")].metadata.name}')).toBe('b c');
    expect(run("{.items[?(@.metadata.name == 'c')].metadata.name}")).toBe('c');
  });

  it('compares numbers of the same Go kind', () => {
    expect(run('{.items[?(@.spec.n>4)].metadata.name}')).toBe('b c');
    expect(run('{.items[?(@.spec.n<=5)].metadata.name}')).toBe('a b');
    expect(run('{.items[?(@.spec.f>2.0)].metadata.name}')).toBe('b');
    expect(run('{.items[?(@.spec.n==@.spec.n)].metadata.name}')).toBe('a b c');
  });

  it('refuses to compare int64 with float64', () => {
    expect(errorOf(() => run('{.items[?(@.spec.f>2)]}')).message).toBe('incompatible types for comparison');
    expect(errorOf(() => run('{.items[?(@.spec.n>4.0)]}')).message).toBe('incompatible types for comparison');
  });

  it('compares booleans for equality only', () => {
    expect(run('{.items[?(@.spec.t==true)].metadata.name}')).toBe('a');
    expect(errorOf(() => run('{.items[?(@.spec.t<true)]}')).message).toBe('invalid type for comparison');
  });

  it('cannot compare null', () => {
    expect(errorOf(() => run('{.items[?(@.spec.z=="x")]}')).message).toBe('invalid type for comparison');
  });

  it('tests existence, null included', () => {
    expect(run('{.items[?(@.status.podIP)].metadata.name}')).toBe('a c');
    expect(run('{.items[?(@.spec.z)].metadata.name}')).toBe('a');
    expect(run('{.items[?(@.nope)].metadata.name}', list, false)).toBe('');
  });

  it('needs exactly one value per side', () => {
    expect(errorOf(() => run('{.items[?(@.spec.containers[*].name=="c1")]}', { items: [pod] })).message).toBe('can only compare one element at a time');
  });

  it('reports unknown operators and non-arrays', () => {
    expect(errorOf(() => run('{.items[?(@.spec.n=3)]}')).message).toBe('unrecognized filter operator =');
    expect(errorOf(() => run('{.status[?(@.x)]}', pod)).message).toBe('map[phase:Running] is not array or slice and cannot be filtered');
    expect(errorOf(() => run('{.items[0].spec.z[?(@.x)]}')).message).toBe('<nil> is not array or slice and cannot be filtered');
  });

  it('errors on missing operands only when missing keys are not allowed', () => {
    expect(run('{.items[?(@.status.podIP=="10.0.0.3")].metadata.name}')).toBe('c');
    expect(errorOf(() => run('{.items[?(@.status.podIP=="10.0.0.3")]}', list, false)).message).toBe('podIP is not found');
  });
});

describe('range', () => {
  it('repeats its body per item', () => {
    expect(run('{range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}')).toBe('a\t10.0.0.1\nb\t\nc\t10.0.0.3\n');
  });

  it('nests', () => {
    expect(run('{range .items[*]}[{.metadata.name}:{range .spec.containers[*]}{.name},{end}]{end}', { items: [pod, pod] })).toBe(
      '[web:c1,c2,][web:c1,c2,]',
    );
  });

  it('skips an empty range and carries on after {end}', () => {
    expect(run('{range .items[?(@.metadata.name=="zz")]}{.metadata.name}{end}after')).toBe('after');
  });

  it('behaves like kubectl without an {end}', () => {
    expect(run('{range .items[*]}{.metadata.name}')).toBe('abc');
  });

  it('rejects an {end} outside a range', () => {
    expect(errorOf(() => run('{.kind}{end}')).message).toBe('not in range, nothing to end');
  });

  it('rejects unknown identifiers at evaluation time', () => {
    expect(parseJsonPath('{foo}').nodes).toHaveLength(1);
    expect(errorOf(() => run('{foo}')).message).toBe('unrecognized identifier foo');
  });
});

describe('parse errors', () => {
  const cases: [template: string, message: string, offset: number][] = [
    ['{.a', 'unclosed action', 0],
    ['x {.items[*]', 'unclosed action', 2],
    ['{.kind\n}', 'unclosed action', 6],
    ['{!.a}', "unrecognized character in action: U+0021 '!'", 1],
    ['{..*}', "unrecognized character in action: U+002A '*'", 3],
    ['{\t}', 'unrecognized character in action: U+0009', 1],
    ['{🙂}', "unrecognized character in action: U+1F642 '🙂'", 1],
    ['{.items[0}', 'unterminated array', 7],
    ['{.items[?(@.a}', 'unterminated filter', 7],
    ['{.items[?(@.a)}', 'unclosed array expect ]', 14],
    ['{"abc}', 'unterminated quoted string', 1],
    ['{.items[a]}', 'invalid array index a', 8],
    ['{.items[1:a]}', 'invalid array index 1:a', 8],
    ['{.items[-]}', 'array index - is not a number', 8],
    ['{....a}', 'invalid multiple recursive descent', 3],
    ['{1.2.3}', 'cannot parse number 1.2.3', 1],
    ['{.items[?(@.a=="x"||true)]}', "unrecognized character in action: U+007C '|'", 18],
  ];

  it.each(cases)('%j -> %s', (template, message, offset) => {
    const error = errorOf(() => parseJsonPath(template));
    expect(error).toBeInstanceOf(JsonPathError);
    expect(error.message).toBe(message);
    expect(error.offset).toBe(offset);
  });

  it('treats an odd character inside a field name as part of the name', () => {
    expect(run('{.a!}', { 'a!': 1 })).toBe('1');
  });

  it('reuses a parsed template', () => {
    const template = parseJsonPath('{.metadata.name}');
    expect(run('', {})).toBe('');
    expect(evaluateJsonPath(template, pod)).toBe('web');
    expect(evaluateJsonPath(template, { metadata: { name: 'other' } })).toBe('other');
  });
});
