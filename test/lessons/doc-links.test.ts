/**
 * The pages the bundled lessons link (`docs`), checked offline: each on a host whose site source was read, and
 * each a page found there (test/fixtures/doc-pages/verified-pages.txt; README.md says which repositories and
 * commits). A dead link teaches nothing, so a new address is added to the list only after finding its page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadLessonPack } from '../../src/lesson/load.js';
import { allSteps } from '../../src/lesson/steps.js';
import { defaultLessonsDir } from '../../src/paths.js';

const HOSTS = ['istio.io', 'kind.sigs.k8s.io', 'kubernetes.io', 'gateway-api.sigs.k8s.io'];

interface VerifiedPage {
  url: string;
  repo: string;
  file: string;
  commit: string;
}

const verified: VerifiedPage[] = readFileSync('test/fixtures/doc-pages/verified-pages.txt', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [url = '', repo = '', file = '', commit = ''] = line.split('\t');
    return { url, repo, file, commit };
  });

/** The address each site serves a source file at (Hugo for istio.io, kind and kubernetes.io; MkDocs for Gateway API). */
function servedAt(repo: string, file: string): string | undefined {
  const rules: Record<string, [RegExp, (path: string) => string]> = {
    // Docs pages, blog posts and release news alike (a news section's page is its _index.md).
    'istio/istio.io': [/^content\/en\/((?:docs|blog|news)\/.+)\/_?index\.(?:md|html)$/, (page) => `https://istio.io/latest/${page}/`],
    'kubernetes-sigs/kind': [/^site\/content\/docs\/user\/([a-z0-9-]+)\.md$/, (page) => `https://kind.sigs.k8s.io/docs/user/${page}/`],
    'kubernetes/website': [/^content\/en\/docs\/(.+)\.md$/, (page) => `https://kubernetes.io/docs/${page}/`],
    'kubernetes-sigs/gateway-api': [/^site-src\/(?:(.+)\/)?index\.md$/, (page) => `https://gateway-api.sigs.k8s.io/${page ? `${page}/` : ''}`],
  };
  const rule = rules[repo];
  const match = rule?.[0].exec(file);
  return rule && match ? rule[1](match[1] ?? '') : undefined;
}

const { lessons } = loadLessonPack(defaultLessonsDir());
const links = lessons.flatMap((loaded) => allSteps(loaded.lesson).flatMap((step) => (step.docs ?? []).map((doc) => ({ where: `${loaded.lesson.id}/${step.id}`, ...doc }))));

describe('the verified page list', () => {
  it('names, for every page, the source file its site serves at that address, and the commit it was read at', () => {
    expect(verified.length).toBeGreaterThan(0);
    for (const page of verified) {
      expect(page.commit, page.url).toMatch(/^[0-9a-f]{40}$/);
      expect(servedAt(page.repo, page.file), `${page.repo} ${page.file}`).toBe(page.url);
    }
    expect(new Set(verified.map((page) => page.url)).size).toBe(verified.length);
  });

  it('holds no page that no lesson links any more', () => {
    const linked = new Set(links.map((link) => link.url));
    expect(verified.map((page) => page.url).filter((url) => !linked.has(url))).toEqual([]);
  });
});

describe('bundled lessons link pages that exist', () => {
  it('link some pages', () => {
    expect(links.length).toBeGreaterThan(50);
  });

  it('only on the sites whose sources were read', () => {
    const elsewhere = links.filter((link) => !HOSTS.includes(new URL(link.url).hostname));
    expect(elsewhere.map((link) => `${link.where}: ${link.url}`)).toEqual([]);
  });

  it('only pages found in those sources', () => {
    const known = new Set(verified.map((page) => page.url));
    const unknown = links.filter((link) => !known.has(link.url));
    expect(unknown.map((link) => `${link.where}: ${link.url}`)).toEqual([]);
  });

  it('on every step of every lesson on clusters, setup and cleanup included', () => {
    const withClusters = lessons.filter((loaded) => (loaded.lesson.clusters?.length ?? 0) > 0);
    expect(withClusters.map((loaded) => loaded.lesson.id)).toEqual(['no-mesh', 'traffic-entry', 'resilience-security', 'one-mesh', 'multi-mesh', 'multi-network', 'vm']);
    const bare = withClusters.flatMap((loaded) => allSteps(loaded.lesson).filter((step) => (step.docs ?? []).length === 0).map((step) => `${loaded.lesson.id}/${step.id}`));
    expect(bare).toEqual([]);
  });
});
