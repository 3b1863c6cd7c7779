import { compileMessageOrThrow } from '@lingui/message-utils/compileMessage';
import type { Plugin } from 'vite';

const catalogFile = /[\\/]src[\\/]i18n[\\/]catalogs[\\/][a-z]{2}\.json$/;

/**
 * The console's message catalogues are JSON of ICU messages, compiled here at build time so that the browser
 * gets Lingui's compiled form and no message parser. Returns JSON, so Vite's own JSON plugin makes the module.
 */
export function compileCatalogs(): Plugin {
  return {
    name: 'compile-catalogs',
    enforce: 'pre',
    transform(code, id) {
      if (!catalogFile.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const compiled: Record<string, unknown> = {};
      for (const [key, message] of Object.entries(messages)) {
        try {
          compiled[key] = compileMessageOrThrow(message);
        } catch (error) {
          this.error(`${id}: message "${key}" is no valid ICU message: ${(error as Error).message}`);
        }
      }
      return { code: JSON.stringify(compiled), map: null };
    },
  };
}
