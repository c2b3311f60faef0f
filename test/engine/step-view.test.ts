// A step's `view`: its proxy-config JSON shown as istioctl's table, and the diff of snapshots before and
// after it, through the engine and the plain and JSON-lines reporters (the TUI renders the same event).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineEvent, EventOf } from '../../src/engine/events.js';
import { runLesson } from '../../src/engine/run-lesson.js';
import { jsonLinesReporter } from '../../src/report/json-lines.js';
import { plainReporter } from '../../src/report/plain.js';
import { renderStepView } from '../../src/views/proxy-config/step-view.js';
import { istioctlFixture } from '../helpers/istioctl-fixtures.js';
import { HEADER, lessonFromYaml, tempDir } from '../helpers/lessons.js';
import { GATEWAY_ROUTES_JSON, ROUTE_VIEW_FILES, ROUTE_VIEW_STEPS } from '../helpers/route-view-lesson.js';

const GATEWAY = 'writer/envoy/configdump/testdata/routes/istio-gateway-http-route-prefix';

async function run(yaml: string, files: Record<string, string>) {
  const events: EngineEvent[] = [];
  let plain = '';
  let jsonLines = '';
  const reporters = [plainReporter({ write: (text: string) => (plain += text) }, { renderView: renderStepView }), jsonLinesReporter({ write: (text: string) => (jsonLines += text) })];
  await runLesson({
    lesson: lessonFromYaml(HEADER + yaml, files),
    home: tempDir('mw-home-'),
    emit: (event) => {
      events.push(event);
      for (const reporter of reporters) reporter.handle(event);
    },
  });
  for (const reporter of reporters) await reporter.finish();
  return { events, plain, jsonLines };
}

describe('step views', () => {
  it('are named, not drawn, by a plain reporter given no way to draw them', async () => {
    let plain = '';
    const reporter = plainReporter({ write: (text: string) => (plain += text) });
    await runLesson({ lesson: lessonFromYaml(HEADER + ROUTE_VIEW_STEPS, ROUTE_VIEW_FILES), home: tempDir('mw-home-'), emit: (event) => reporter.handle(event) });
    await reporter.finish();
    expect(plain).toContain('      proxy-config/route (not drawn here):\n');
    expect(plain).not.toContain('VHOST NAME');
  });

  it('shows `istioctl pc routes -o json` output as the routes table, in the plain and JSON reports alike', async () => {
    const routes = GATEWAY_ROUTES_JSON;
    const { events, plain, jsonLines } = await run(ROUTE_VIEW_STEPS, ROUTE_VIEW_FILES);
    const view = events.find((event): event is EventOf<'step-view'> => event.type === 'step-view');
    expect('output' in (view?.payload ?? {}) && (view?.payload as { output: string }).output.trim()).toBe(routes);
    const rendered = renderStepView(view?.view ?? 'text', view?.payload ?? { output: '' });
    expect(rendered.lines).toEqual(['NAME          VHOST NAME                 DOMAINS                 MATCH     VIRTUAL SERVICE', 'http.8080     httpbin.example.com:80     httpbin.example.com     /get*     httpbin.default']);
    expect(plain).toContain('      istioctl proxy-config route:\n        NAME          VHOST NAME ');
    const record = jsonLines.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string; lines?: string[] }).find((line) => line.type === 'step-view');
    expect(record?.lines).toEqual(rendered.lines);
  });

  it('takes a snapshot before and after the step and says what changed', async () => {
    const after = istioctlFixture(`${GATEWAY}/configdump.json`);
    const before = JSON.parse(after) as { configs: { dynamic_route_configs: { route_config: { virtual_hosts: unknown[] } }[] }[] };
    const first = before.configs[0]?.dynamic_route_configs[0];
    if (first) first.route_config.virtual_hosts = [{ name: 'blackhole:8080', domains: ['*'] }];
    const dir = tempDir('mw-snap-');
    writeFileSync(path.join(dir, 'dump.json'), JSON.stringify(before));
    // The "step" applies the VirtualService: here, it swaps the dump the snapshot command reads.
    const { events, plain } = await run(`
steps:
  - id: apply-vs
    title: Bind the VirtualService to the gateway
    run: cp after.json ${dir}/dump.json
    view: { kind: proxy-config/diff, snapshot: cat ${dir}/dump.json }
`, { 'after.json': after });
    const view = events.find((event): event is EventOf<'step-view'> => event.type === 'step-view');
    expect(renderStepView(view?.view ?? 'text', view?.payload ?? { output: '' }).lines).toEqual(['Routes:', '  route http.8080: virtual host blackhole:8080 replaced by httpbin.example.com:80, served by VirtualService httpbin.default']);
    expect(plain).toContain('What this step changed in Envoy:\n        Routes:\n          route http.8080: virtual host blackhole:8080 replaced by');
    // The snapshots are not the step's output: nothing of them reached the output events.
    expect(events.filter((event) => event.type === 'output')).toEqual([]);
  });

  it('says plainly when the output is not what the view reads', async () => {
    const { events } = await run(`
steps:
  - id: wrong
    title: Prints text, not JSON
    run: echo "NAME  VHOST NAME"
    view: proxy-config/route
`, {});
    const view = events.find((event): event is EventOf<'step-view'> => event.type === 'step-view');
    expect(renderStepView(view?.view ?? 'text', view?.payload ?? { output: '' }).lines[0]).toMatch(/^\(nothing to show: the step's output is not JSON .*; the step should print `istioctl proxy-config route … -o json`\)$/);
  });

  it('a snapshot command is checked by the context guard like any other', async () => {
    const { events } = await run(`
steps:
  - id: foreign
    title: Snapshot of someone else's cluster
    run: 'true'
    view: { kind: proxy-config/diff, snapshot: istioctl --context prod proxy-config all deploy/x -o json }
`, {});
    expect(events.find((event) => event.type === 'step-finished')).toMatchObject({ status: 'failed', reason: expect.stringMatching(/names the context 'prod'/) });
  });
});
