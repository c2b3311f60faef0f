/**
 * The pictures the output pane can show in place of raw output: a step's view (istioctl's tables, a
 * diff), a lesson's diagram, the live topology. Their renderers bring istioctl's printers, the YAML
 * library and the diagram loader, so they load when first asked for, never before the first frame; the
 * screen subscribes (`subscribeToPictureTools`) to redraw once they arrive. Renders are cached: a view
 * parses JSON that can be megabytes, once per view and width rather than once per frame. No Ink here.
 */
import type { Diagram } from '../diagrams/schema.js';
import type { RenderedView } from '../views/proxy-config/step-view.js';
import type { LessonScreenState } from './lesson-state.js';

export type ViewEntry = LessonScreenState['views'][string];

/** How the pane lines get their pictures (pictureDrawer below; tests pass their own). */
export interface PictureDrawer {
  /** A diagram at a width with a path marked; undefined until the diagram tools have loaded. */
  diagram(name: string, highlight: string | undefined, width: number): string[] | undefined;
  /** A step's view at a width; a "Preparing…" title until the view renderer has loaded. */
  view(entry: ViewEntry, width: number): RenderedView;
  /** The live topology; undefined until the diagram tools have loaded. */
  topology(diagram: Diagram, width: number): string[] | undefined;
}

let viewRenderer: typeof import('../views/proxy-config/step-view.js') | undefined;
let viewRendererLoading: Promise<void> | undefined;
let diagramTools: { load: typeof import('../diagrams/load.js'); render: typeof import('../views/diagram.js'); assets: string } | undefined;
let diagramToolsLoading: Promise<void> | undefined;

// Counts tools loaded (a count, not a flag: two loads finishing together must still redraw).
let toolsLoaded = 0;
const listeners = new Set<() => void>();
function loaded(): void {
  toolsLoaded += 1;
  for (const listener of listeners) listener();
}

/** For useSyncExternalStore: the screen redraws when a picture's tools have loaded. */
export function subscribeToPictureTools(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const pictureToolsLoaded = (): number => toolsLoaded;

export function loadViewRenderer(): Promise<void> {
  return (viewRendererLoading ??= import('../views/proxy-config/step-view.js').then((module) => {
    viewRenderer = module;
    loaded();
  }));
}

export function loadDiagramTools(): Promise<void> {
  return (diagramToolsLoading ??= Promise.all([import('../diagrams/load.js'), import('../views/diagram.js'), import('../paths.js')]).then(([load, render, paths]) => {
    diagramTools = { load, render, assets: paths.defaultAssetsDir() };
    loaded();
  }));
}

const renderedDiagrams = new Map<string, string[]>();
const renderedViews = new WeakMap<object, { width: number; rendered: RenderedView }>();

export const pictureDrawer: PictureDrawer = {
  diagram(name, highlight, width) {
    if (!diagramTools) {
      void loadDiagramTools();
      return undefined;
    }
    const key = `${name}\u0000${highlight ?? ''}\u0000${width}`;
    const cached = renderedDiagrams.get(key);
    if (cached) return cached;
    const { diagram, problems } = diagramTools.load.loadDiagram(`${diagramTools.load.diagramsDir(diagramTools.assets)}/${name}.yaml`);
    const path = highlight ? (diagram?.paths?.[highlight] ?? highlight.split(',')) : [];
    // A diagram that cannot be drawn says why in its place.
    const lines = diagram ? diagramTools.render.renderDiagram(diagram, { width, highlight: path, ascii: !diagramTools.render.localeIsUtf8(process.env) }) : [`(the diagram ${name} cannot be drawn: ${problems[0]?.message ?? 'not found'})`];
    renderedDiagrams.set(key, lines);
    return lines;
  },
  view(entry, width) {
    const cached = renderedViews.get(entry);
    if (cached?.width === width) return cached.rendered;
    if (!viewRenderer) {
      void loadViewRenderer();
      return { title: 'Preparing the view…', lines: [] };
    }
    const rendered = viewRenderer.renderStepView(entry.view, entry.payload, width);
    renderedViews.set(entry, { width, rendered });
    return rendered;
  },
  topology(diagram, width) {
    return diagramTools?.render.renderDiagram(diagram, { width, ascii: !diagramTools.render.localeIsUtf8(process.env) });
  },
};

/** The live topology, read from the workshop's clusters (kubectl get, read-only). */
export async function readTopology(home: string): Promise<Diagram> {
  const [{ readClusterReports }, { topologyFromReports }] = await Promise.all([import('../cluster/topology-report.js'), import('../diagrams/topology.js'), loadDiagramTools()]);
  return topologyFromReports(await readClusterReports(home));
}
