// Cases follow istio.io's doc-test verifiers (tests/util/verify.sh): _verify_same, _verify_elided,
// _verify_like and _verify_lines, with outputs shaped like the kubectl and istioctl output they compare.
import { describe, expect, it } from 'vitest';
import { compareElided, compareEquals, compareLike, compareLines, malformedLineRules } from '../../src/checks/verifiers.js';

describe('compareEquals (_verify_same)', () => {
  it('ignores trailing blanks, carriage returns and colours, nothing else', () => {
    expect(compareEquals('ready  \r\n', 'ready').passed).toBe(true);
    expect(compareEquals('\u001b[32mready\u001b[0m\n', 'ready').passed).toBe(true);
    expect(compareEquals(' ready', 'ready').passed).toBe(false);
  });
  it('names the first line that differs', () => {
    expect(compareEquals('a\nb\nc', 'a\nx\nc')).toEqual({ passed: false, detail: 'line 2 differs: expected "x", got "b"' });
    expect(compareEquals('a', 'a\nb').detail).toBe('line 2 differs: expected "b", got end of output');
  });
  it('does not pass two different outputs just because one is empty', () => {
    expect(compareEquals('', 'something').passed).toBe(false);
  });
});

describe('compareElided (_verify_elided)', () => {
  const routes = [
    'NAME        VHOST NAME       DOMAINS   MATCH                 VIRTUAL SERVICE',
    'http.8080   blackhole:8080   *         /*                    404',
    '            backend          *         /healthz/ready*',
    '            backend          *         /stats/prometheus*',
  ].join('\n');
  it('lets "..." stand for one or more lines', () => {
    expect(compareElided(routes, 'NAME        VHOST NAME       DOMAINS   MATCH                 VIRTUAL SERVICE\n...\n            backend          *         /stats/prometheus*').passed).toBe(true);
    expect(compareElided('a\nb\nc\nd', 'a\n...\nd').passed).toBe(true);
  });
  it('requires at least one line for "..."', () => {
    expect(compareElided('a\nd', 'a\n...\nd').passed).toBe(false);
  });
  it('requires the lines in order and whole', () => {
    expect(compareElided('a\nb\nc', 'c\n...\na').passed).toBe(false);
    expect(compareElided('a\nb\nc', 'a\n...\nc\nd')).toEqual({ passed: false, detail: 'expected line not found: "d"' });
    expect(compareElided('a\nbb\nc', 'a\nb\nc').passed).toBe(false);
  });
});

describe('compareLike (_verify_like)', () => {
  const expected = [
    'NAME                             READY   STATUS    RESTARTS   AGE',
    'helloworld-v1-776f57d5f6-s7zfc   2/2     Running   0          10s',
    'curl-5b8c7d9d4f-4zq2m            2/2     Running   0          2m3s',
  ].join('\n');
  it('tolerates generated pod suffixes and ages', () => {
    const actual = [
      'NAME                             READY   STATUS    RESTARTS   AGE',
      'helloworld-v1-776f57d5f6-9x8kd   2/2     Running   0          3d',
      'curl-5b8c7d9d4f-b7k2x            2/2     Running   0          45s',
    ].join('\n');
    expect(compareLike(actual, expected).passed).toBe(true);
  });
  it('does not tolerate a different status, a missing sidecar or another deployment', () => {
    expect(compareLike(expected.replace('2/2     Running   0          10s', '1/2     Running   0          10s'), expected).passed).toBe(false);
    expect(compareLike(expected.replace('Running   0          2m3s', 'Pending   0          2m3s'), expected).detail).toBe(
      'line 3: expected something like "curl-5b8c7d9d4f-4zq2m            2/2     Running   0          2m3s", got "curl-5b8c7d9d4f-4zq2m            2/2     Pending   0          2m3s"',
    );
    expect(compareLike(expected.replace('helloworld-v1-776f57d5f6-s7zfc', 'helloworld-v2-776f57d5f6-s7zfc'), expected).passed).toBe(false);
  });
  it('tolerates IP addresses but not ports (an istioctl endpoints table)', () => {
    const table = 'ENDPOINT          STATUS    OUTLIER CHECK  CLUSTER\n10.10.0.12:5000   HEALTHY   OK             outbound|5000||helloworld.sample.svc.cluster.local';
    expect(compareLike(table.replace('10.10.0.12', '10.20.0.9'), table).passed).toBe(true);
    expect(compareLike(table.replace('10.10.0.12:5000', '172.18.255.220:15443'), table).passed).toBe(false);
  });
  it('needs the same number of lines and words; "..." matches any one word', () => {
    expect(compareLike('a b', 'a b\nc').detail).toBe('expected 2 lines, got 1');
    expect(compareLike('a b c', 'a b').passed).toBe(false);
    expect(compareLike('istiod-5f4d8c7b9-abcde 1.31.0', 'istiod-5f4d8c7b9-xxxxx ...').passed).toBe(true);
  });
});

describe('compareLines (_verify_lines)', () => {
  const output = 'Hello version: v1\nHello version: v2';
  it('needs every "+" line and no "-" line', () => {
    expect(compareLines(output, '+ version: v1\n+ version: v2').passed).toBe(true);
    expect(compareLines(output, ['+ version: v1', '- version: v3']).passed).toBe(true);
    expect(compareLines(output, '+ version: v3')).toEqual({ passed: false, detail: 'missing: "version: v3"' });
    expect(compareLines(output, '- version: v2')).toEqual({ passed: false, detail: 'present but must not be: "version: v2"' });
  });
  it('finds rules that are neither + nor -', () => {
    expect(malformedLineRules('+ ok\nv1\n- fine\n')).toEqual(['v1']);
  });
});
