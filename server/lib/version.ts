import { readFileSync } from 'node:fs';

/**
 * The running version: package.json's `version` (found next to the source or the build, whichever runs), and the
 * build's commit when the image was built with one (`HOTDESK_BUILD`).
 */
function readVersion(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === 'hotdesk-console' && typeof manifest.version === 'string') {
        const build = process.env.HOTDESK_BUILD;
        return build ? `${manifest.version}+${build}` : manifest.version;
      }
    } catch {
      // Not here: the next candidate.
    }
  }
  return 'unknown';
}

export const VERSION = readVersion();
