import type { IndexHtmlTransformContext, IndexHtmlTransformHook } from 'vite';
import { describe, expect, it } from 'vitest';
import { preloadWorkbench } from '../../web/preloadWorkbench.js';

/** The plugin's page hook, run on a bundle of the given chunks as Vite hands it over. */
function tagsFor(chunks: { fileName: string; name: string; isDynamicEntry: boolean; css?: string[] }[]) {
  const hook = (preloadWorkbench().transformIndexHtml as { handler: (...args: Parameters<IndexHtmlTransformHook>) => unknown })
    .handler;
  const bundle = Object.fromEntries(
    chunks.map((c) => [
      c.fileName,
      { type: 'chunk', ...c, viteMetadata: { importedCss: new Set(c.css ?? []), importedAssets: new Set() } },
    ]),
  );
  return hook('<html></html>', { bundle } as unknown as IndexHtmlTransformContext);
}

describe('the page names the workbench it loads', () => {
  it('as a module to preload and its style sheet, beside the first script', () => {
    const tags = tagsFor([
      { fileName: 'assets/index-a.js', name: 'index', isDynamicEntry: false },
      { fileName: 'assets/workbench-b.js', name: 'workbench', isDynamicEntry: true, css: ['assets/workbench-c.css'] },
      { fileName: 'assets/echarts-d.js', name: 'echarts', isDynamicEntry: true },
    ]);
    expect(tags).toEqual([
      { tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: '/assets/workbench-b.js' }, injectTo: 'head' },
      { tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: '/assets/workbench-c.css' }, injectTo: 'head' },
    ]);
  });

  it('fails the build when there is no workbench to name', () => {
    expect(() => tagsFor([{ fileName: 'assets/index-a.js', name: 'index', isDynamicEntry: false }])).toThrow(
      /no workbench chunk/,
    );
  });
});
