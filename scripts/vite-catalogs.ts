import { readFileSync } from 'node:fs';
import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { Plugin } from 'vite';
import { catalogPartOf } from '../i18n/catalog-parts.ts';

const catalogModule = /^virtual:catalog\/([a-z]{2})\/(first-screen|sections)$/;
const resolvedPrefix = '\0';

/**
 * The console's message catalogues are JSON of ICU messages (`i18n/<locale>.json`, one file per
 * language for translators). The console imports them as `virtual:catalog/<locale>/<part>`: one part of a
 * language (see `catalog-parts.ts`), compiled here at build time so that the browser gets Lingui's compiled form
 * and no message parser.
 */
export function compileCatalogs(): Plugin {
  return {
    name: 'compile-catalogs',
    enforce: 'pre',
    resolveId(id) {
      return catalogModule.test(id) ? resolvedPrefix + id : null;
    },
    load(id) {
      if (!id.startsWith(resolvedPrefix)) return null;
      const match = catalogModule.exec(id.slice(resolvedPrefix.length));
      if (!match) return null;
      const [, locale, part] = match;
      const file = new URL(`../i18n/${locale}.json`, import.meta.url);
      this.addWatchFile(file.pathname);
      const messages = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const compiled: Record<string, unknown> = {};
      for (const [key, message] of Object.entries(messages)) {
        if (catalogPartOf(key) !== part) continue;
        try {
          compiled[key] = compileMessageOrThrow(message);
        } catch (error) {
          this.error(`${file.pathname}: message "${key}" is no valid ICU message: ${(error as Error).message}`);
        }
      }
      return { code: `export default ${JSON.stringify(compiled)};`, map: null };
    },
  };
}
