// @ts-check
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Where the loader's source names the widget's file; the build writes its hashed name. */
const WIDGET_FILE_MARK = '__SWITCHBOARD_WIDGET_FILE__';

/**
 * The loader imports the widget by an absolute URL: a cross-origin classic script has no base
 * URL for `import()` (its errors are muted, and so is its address), so a relative specifier
 * fails on the site. This writes the widget's hashed file name into the loader.
 * @returns {import('vite').Plugin}
 */
function nameTheWidgetFile() {
  return {
    name: 'switchboard-widget-file',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const widget = chunks.find((chunk) => chunk.isEntry && chunk.name === 'app');
      const loader = chunks.find((chunk) => chunk.isEntry && chunk.name === 'widget');
      if (!widget || !loader || !loader.code.includes(WIDGET_FILE_MARK))
        throw new Error('the widget build lacks the loader or the widget');
      if (loader.imports.length > 0) throw new Error('the loader must import nothing statically');
      loader.code = loader.code.replace(WIDGET_FILE_MARK, widget.fileName);
    },
  };
}

/**
 * The chat widget: the loader (`widget.js`, the URL site owners paste, so not hashed) and the
 * widget it imports when opened (`widget/app-<hash>.js`, cached for good), into dist/widget,
 * which api-gateway serves at `/widget.js` and `/widget/`.
 */
export default defineConfig({
  root: here('.'),
  publicDir: false,
  logLevel: 'warn',
  plugins: [nameTheWidgetFile()],
  build: {
    outDir: here('../../dist/widget'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    // Library mode: no preload helper (it reads `import.meta`, which a classic script may not),
    // so the loader stays a script with no import statement.
    lib: {
      entry: { widget: here('src/loader.ts'), app: here('src/widget.ts') },
      formats: ['es'],
    },
    rolldownOptions: {
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'widget' ? 'widget.js' : 'widget/[name]-[hash].js',
        chunkFileNames: 'widget/[name]-[hash].js',
        // Library mode keeps ES output's whitespace (for other bundlers); ours goes to browsers.
        minify: true,
      },
    },
  },
});
