// `mesh-workshop validate` as a learner runs it (the built bin: npm test builds first), and the bundle it
// ships in: the checker's chunks load only when it runs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, mw } from '../helpers/cli.js';
import { tempDir } from '../helpers/lessons.js';

function manifest(name: string, text: string): string {
  const file = path.join(tempDir('mw-validate-'), name);
  writeFileSync(file, text);
  return file;
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n';
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n';

describe('mesh-workshop validate', () => {
  it('a valid file: says so, with its objects; exit 0', () => {
    const file = manifest('web.yaml', `${SERVICE}---\n${DEPLOYMENT}`);
    expect(mw(['validate', file])).toEqual({ status: 0, stdout: `${file}: valid (2 objects: Service/web, Deployment/web)\n`, stderr: '' });
  });

  it('a file with mistakes: each as FILE:LINE:COL: message, a count on stderr; exit 1', () => {
    const file = manifest('web.yaml', `${SERVICE.replace('port: 80', 'port: "80"')}---\n${DEPLOYMENT.replace('image:', 'imagee:')}`);
    const result = mw(['validate', file]);
    expect(result.stdout).toBe(
      [
        `${file}:8:11: spec.ports[0].port: must be an integer, not a string ("80"): write it without quotes`,
        `${file}:23:9: unknown field "spec.template.spec.containers[0].imagee" (did you mean "image"?)`,
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('2 errors, 0 warnings in 1 file\n');
    expect(result.status).toBe(1);
  });

  it('Istio kinds too, and a kind it has no schema for is a warning that does not fail', () => {
    const vs = manifest('vs.yaml', 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\nspec:\n  hosts: [r]\n  http:\n  - rout:\n    - destination: {host: r}\n');
    expect(mw(['validate', vs])).toMatchObject({ status: 1, stdout: `${vs}:7:5: unknown field "spec.http[0].rout" (did you mean "route"?)\n` });
    const route = manifest('route.yaml', 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\n');
    expect(mw(['validate', route])).toEqual({
      status: 0,
      stdout: `${route}:2:7: warning: no schema shipped for gateway.networking.k8s.io/v1 HTTPRoute; kubectl will check it on apply\n${route}: valid (1 object: HTTPRoute/r)\n`,
      stderr: '0 errors, 1 warning in 1 file\n',
    });
  });

  it('reads standard input as -, and -f FILE as kubectl apply does', () => {
    expect(mw(['validate', '-'], { input: SERVICE })).toEqual({ status: 0, stdout: '<stdin>: valid (1 object: Service/web)\n', stderr: '' });
    const file = manifest('svc.yaml', SERVICE);
    expect(mw(['validate', '-f', file])).toMatchObject({ status: 0, stdout: `${file}: valid (1 object: Service/web)\n` });
  });

  it('a file it cannot read: named, with why, the others still checked; exit 2', () => {
    const good = manifest('good.yaml', SERVICE);
    const dir = tempDir('mw-validate-dir-');
    const result = mw(['validate', path.join(dir, 'missing.yaml'), good, dir]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe(`${good}: valid (1 object: Service/web)\n`);
    expect(result.stderr).toBe(`mesh-workshop: cannot read ${path.join(dir, 'missing.yaml')}: no such file\nmesh-workshop: cannot read ${dir}: it is a directory (name the manifest files in it)\n`);
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it('no file: says how to name one; exit 2', () => {
    const result = mw(['validate']);
    expect(result).toMatchObject({ status: 2, stdout: '' });
    expect(result.stderr).toBe('mesh-workshop: validate: name the manifest files to check: mesh-workshop validate FILE… (- reads standard input)\n');
  });

  it('escape sequences in a file or its name reach the terminal as escapes, not as commands', () => {
    const file = manifest('evil\u001b[2J.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  "\u001b]0;owned\u0007": x\n');
    const result = mw(['validate', file]);
    // eslint-disable-next-line no-control-regex
    expect(result.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(result.stdout).toContain('evil\\u001b[2J.yaml:5:');
    expect(result.status).toBe(1);
  });
});

describe('the bundle', () => {
  const chunk = (dist: string[], prefix: string) => dist.find((file) => file.startsWith(`${prefix}-`) && file.endsWith('.js')) ?? `${prefix} (no such chunk)`;

  /** The chunks a file imports statically, and theirs: what loads with it. */
  function loadsWith(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const [, imported] of readFileSync(path.join('dist', file), 'utf8').matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) loadsWith(imported ?? '', seen);
    return seen;
  }

  it("list and lint do not load the checker: its validators are in chunks of their own, loaded by validate alone", () => {
    const dist = readdirSync('dist');
    for (const start of ['main.js', chunk(dist, 'list'), chunk(dist, 'lint')]) {
      const loaded = [...loadsWith(start)];
      expect(loaded.filter((file) => /^(validate|kubernetes-schemas|istio-schemas|object-meta)-/.test(file)), start).toEqual([]);
    }
    // kubernetes-models' validators (IfNotPresent is an imagePullPolicy) and ajv are in those chunks only.
    expect(dist.filter((file) => file.endsWith('.js') && readFileSync(path.join('dist', file), 'utf8').includes('"IfNotPresent"'))).toEqual([chunk(dist, 'kubernetes-schemas')]);
    expect(dist.filter((file) => file.endsWith('.js') && readFileSync(path.join('dist', file), 'utf8').includes('must NOT have additional properties'))).toEqual([chunk(dist, 'istio-schemas')]);
  });

  it('the validators ship without source maps, and without the URI and e-mail formats they never read', () => {
    const dist = readdirSync('dist');
    expect(dist.filter((file) => /^(kubernetes-schemas|istio-schemas)-.*\.map$/.test(file))).toEqual([]);
    expect(readFileSync(path.join('dist', chunk(dist, 'kubernetes-schemas')), 'utf8')).not.toContain('sourceMappingURL');
    expect(dist.filter((file) => file.endsWith('.js') && /idn-email|smtp-address|punycode/.test(readFileSync(path.join('dist', file), 'utf8')))).toEqual([]);
  });
});
