// Captures remember a value for later steps (${INGRESS_IP}); templating fills them into checks and finds the
// ones a script uses. A wrong capture or a silent empty value sends a learner on with a broken step.
import { describe, expect, it } from 'vitest';
import { captureValue } from '../../src/checks/capture.js';
import { observedFromText, type Observed } from '../../src/checks/evaluate.js';
import { escapeRegExp, fillVars, MissingVariableError, referencedVars, scriptVars } from '../../src/checks/templating.js';

describe('a capture by regular expression', () => {
  const out = observedFromText('pod/helloworld-v1-776f57d5f6-s7zfc created');

  it('keeps group 1 when there is a group, the whole match when there is none', () => {
    expect(captureValue({ regex: 'helloworld-(v\\d)' }, out)).toEqual({ value: 'v1' });
    expect(captureValue({ regex: 'helloworld-v\\d' }, out)).toEqual({ value: 'helloworld-v1' });
  });

  it('keeps the group it is told, by number or by name', () => {
    expect(captureValue({ regex: '(pod)/(helloworld)-(v\\d)', group: 3 }, out)).toEqual({ value: 'v1' });
    expect(captureValue({ regex: '(pod)/(helloworld)', group: 0 }, out)).toEqual({ value: 'pod/helloworld' });
    expect(captureValue({ regex: 'pod/(?<app>[a-z]+)', group: 'app' }, out)).toEqual({ value: 'helloworld' });
  });

  it('says when the match has no such group, rather than remembering an empty value', () => {
    expect(captureValue({ regex: 'pod/(x)?helloworld' }, out)).toEqual({ error: '/pod/(x)?helloworld/ matched, but group 1 is empty' });
    expect(captureValue({ regex: 'pod/(?<app>[a-z]+)', group: 'team' }, out)).toEqual({ error: '/pod/(?<app>[a-z]+)/ matched, but group team is empty' });
  });

  it('reads stdout and stderr together unless told, and reads through colour', () => {
    const observed: Observed = { stdout: 'ip: 10.0.0.1', stderr: 'warning: \u001b[33mport 8080\u001b[0m', all: 'ip: 10.0.0.1\nwarning: \u001b[33mport 8080\u001b[0m', exitCode: 0 };
    expect(captureValue({ regex: 'port (\\d+)' }, observed)).toEqual({ value: '8080' });
    expect(captureValue({ regex: 'port (\\d+)', from: 'stdout' }, observed)).toEqual({ error: 'no match for /port (\\d+)/' });
    expect(captureValue({ regex: 'ip: (\\S+)', from: 'stderr' }, observed)).toEqual({ error: 'no match for /ip: (\\S+)/' });
  });
});

describe('a capture by JSONPath', () => {
  const service = JSON.stringify({ status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } }, spec: { ports: [] } });

  it('keeps the value without surrounding blanks', () => {
    expect(captureValue({ jsonpath: '{" "}{.status.loadBalancer.ingress[0].ip}{"\\n"}' }, observedFromText(service))).toEqual({ value: '172.18.255.200' });
  });

  it('reads stdout only, through colour', () => {
    const observed: Observed = { stdout: `\u001b[1m${service}\u001b[0m`, stderr: 'Warning: x', all: `Warning: x\n${service}`, exitCode: 0 };
    expect(captureValue({ jsonpath: '{.status.loadBalancer.ingress[0].ip}' }, observed)).toEqual({ value: '172.18.255.200' });
  });

  it('refuses a path the JSON does not have, saying why', () => {
    const missing = captureValue({ jsonpath: '{.spec.ports[3].port}' }, observedFromText(service));
    expect(missing).toEqual({ error: expect.stringMatching(/\S/) });
  });
});

describe('filling ${NAME}', () => {
  it('names every missing variable once, in the order they appear', () => {
    try {
      fillVars('${B} ${A} ${B} ${C}', { C: 'x' });
      expect.unreachable('a missing variable must stop the fill');
    } catch (error) {
      expect(error).toBeInstanceOf(MissingVariableError);
      expect((error as MissingVariableError).names).toEqual(['B', 'A']);
      expect((error as Error).message).toBe('variable ${B}, ${A} has no value yet: the step that captures it has not run');
    }
  });

  it('fills a value that is empty, and leaves text without references alone', () => {
    expect(fillVars('[${EMPTY}]', { EMPTY: '' })).toBe('[]');
    expect(fillVars('curl $INGRESS_IP/ ${not-a-name}', {})).toBe('curl $INGRESS_IP/ ${not-a-name}');
    expect(referencedVars('${A}${_B2} ${3X} $C')).toEqual(['A', '_B2']);
  });

  it('escapes a value put into a regular expression, so it matches only itself', () => {
    const special = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o';
    expect(new RegExp(`^${escapeRegExp(special)}$`).test(special)).toBe(true);
    expect(new RegExp(`^${escapeRegExp('10.0.0.1')}$`).test('10x0x0x1')).toBe(false);
    expect(fillVars('^${IP}$', { IP: '10.0.0.1' }, escapeRegExp)).toBe('^10\\.0\\.0\\.1$');
  });
});

describe('the variables a script uses (given to it as its environment)', () => {
  it('finds $NAME, ${NAME} and ${NAME...} forms', () => {
    expect(scriptVars('curl http://$INGRESS_IP:${PORT}/ -H "x: ${TOKEN:-none}" ${#LIST} $1')).toEqual(['INGRESS_IP', 'PORT', 'TOKEN']);
  });
});
