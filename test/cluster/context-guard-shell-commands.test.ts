// Safety rule, how the shell reader splits a script into commands (src/cluster/shell-commands.ts) and what
// each teaches the reader about variables: which commands surely run (not in a pipeline, not in the
// background), case branches, select and for headers, arrays, and the builtins that read into a variable.
// A variable the reader gets wrong is a context the guard gets wrong. Tracker issue 22.
import { describe, expect, it } from 'vitest';
import { refusal } from '../helpers/guard-policy.js';

const PROD = /names the context 'prod'/;
const AT_RUN_TIME = /names a context only known when the step runs/;
const USE_C = 'kubectl --context "$C" get ns';

describe('an assignment that may not happen leaves the value before it possible', () => {
  it('in a pipeline after |& (a subshell), or in the background after &', () => {
    expect(refusal(`C=prod; echo x |& C=kind-cluster1; ${USE_C}`)).toMatch(PROD);
    expect(refusal(`C=prod; C=kind-cluster1 & ${USE_C}`)).toMatch(PROD);
    expect(refusal(`C=prod; C=kind-cluster1; ${USE_C}`)).toBeUndefined();
  });

  it('in a case with no catch-all pattern, read with its header or after it', () => {
    expect(refusal(`C=prod; case "$1" in a) C=kind-cluster1 ;; esac; ${USE_C}`)).toMatch(PROD);
    expect(refusal(`C=prod; case "$1" in\n  a) C=kind-cluster1 ;;\n  b) C=kind-cluster2 ;;\nesac\n${USE_C}`)).toMatch(PROD);
    expect(refusal(`C=prod; case "$1" in *) C=kind-cluster1 ;; esac; ${USE_C}`)).toBeUndefined();
  });
});

describe('loops set their variable', () => {
  it('select NAME in WORDS, like for', () => {
    expect(refusal(`select C in prod; do ${USE_C}; done`)).toMatch(PROD);
  });

  it('for NAME without a list runs over the arguments: values only known when the step runs', () => {
    expect(refusal(`for C; do ${USE_C}; done`)).toMatch(AT_RUN_TIME);
  });
});

describe('an empty assignment then an operator is an assignment, not an array', () => {
  it('C= ; kubectl … runs kubectl', () => {
    expect(refusal('C= ; kubectl --context prod get ns')).toMatch(PROD);
  });
});

describe('builtins that read into a variable', () => {
  it('read, mapfile and readarray: an option with its value attached, or an option without one, is not the name', () => {
    for (const script of ['read -t5 C', 'mapfile -n5 C', 'readarray -n5 C', 'readarray -t C', 'read -r C']) {
      expect(refusal(`C=kind-cluster1; ${script}; ${USE_C}`), script).toMatch(AT_RUN_TIME);
    }
  });

  it('a word that merely ends like an option is not one: the name after it is still read into', () => {
    for (const script of ['read x-t C', 'mapfile x-n C', 'readarray x-n C']) {
      expect(refusal(`C=kind-cluster1; ${script}; ${USE_C}`), script).toMatch(AT_RUN_TIME);
    }
  });

  it("read -p's value is the prompt, not a variable", () => {
    expect(refusal(`C=kind-cluster1; read -p C D; ${USE_C}`)).toBeUndefined();
  });

  it('printf -v NAME sets NAME; printf and echo without it set nothing', () => {
    expect(refusal(`C=kind-cluster1; printf -v C '%s' prod; ${USE_C}`)).toMatch(AT_RUN_TIME);
    for (const script of ["printf '%s\\n' C", 'echo a C', 'echo -v C']) {
      expect(refusal(`C=kind-cluster1; ${script}; ${USE_C}`), script).toBeUndefined();
    }
  });
});
