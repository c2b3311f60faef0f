// A check is named to the learner as its author wrote it: a pattern between slashes with its flags, a
// text in quotes, nothing JSON-escaped (`^\d+`, not `"^\\d+"`).
import { describe, expect, it } from 'vitest';
import { checkLabel } from '../../src/checks/evaluate.js';
import type { Check } from '../../src/lesson/schema.js';

const none = { pass: [], fail: [] };

describe('checkLabel', () => {
  it.each([
    [{ matches: '^\\d+\\.\\d+$', flags: 'm', examples: none }, 'matches /^\\d+\\.\\d+$/m'],
    [{ matches: 'ok', examples: none }, 'matches /ok/'],
    [{ contains: 'Hello version', examples: none }, 'contains "Hello version"'],
    [{ contains: '"GET /hello', examples: none }, `contains '"GET /hello'`],
    [{ exitCode: 0, examples: none }, 'exitCode 0'],
    [{ exitCode: 'nonzero', examples: none }, 'exitCode "nonzero"'],
    [{ equals: 'one\ntwo', examples: none }, 'equals "one" …'],
    [{ name: 'both clusters answer', contains: 'x', examples: none }, 'both clusters answer'],
    // A JSONPath check says what it reads, then what the value must be.
    [{ jsonpath: '{.items[*].status.phase}', equals: 'Running Running', examples: none }, 'jsonpath {.items[*].status.phase} equals "Running Running"'],
    [{ jsonpath: '{.status.podIP}', matches: '^\\d+', examples: none }, 'jsonpath {.status.podIP} matches /^\\d+/'],
    [{ jsonpath: '{.spec.hosts}', contains: 'httpbin', examples: none }, 'jsonpath {.spec.hosts} contains "httpbin"'],
    [{ jsonpath: '{.status.loadBalancer.ingress[0].ip}', examples: none }, 'jsonpath {.status.loadBalancer.ingress[0].ip} has a value'],
  ] as [Check, string][])('%j is shown as %s', (check, label) => {
    expect(checkLabel(check)).toBe(label);
  });
});
