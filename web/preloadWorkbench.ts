import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * Names the workbench's script and style in the page's head, so the browser fetches them beside
 * the first script (main.tsx) rather than after it has run: main.tsx loads the workbench with
 * import() to send the first API requests before it, and a dynamic import is otherwise only
 * found when it runs (issue 17).
 */
export function preloadWorkbench(): Plugin {
  return {
    name: 'koda-preload-workbench',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        const tags: HtmlTagDescriptor[] = [];
        for (const chunk of Object.values(bundle ?? {})) {
          if (chunk.type !== 'chunk' || !chunk.isDynamicEntry || chunk.name !== 'workbench') continue;
          tags.push({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` },
            injectTo: 'head',
          });
          for (const css of chunk.viteMetadata?.importedCss ?? [])
            tags.push({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `/${css}` }, injectTo: 'head' });
        }
        if (tags.length === 0) throw new Error('koda-preload-workbench: no workbench chunk in the build');
        return tags;
      },
    },
  };
}
