/** A part of a language's catalogue, compiled at build time (`scripts/vite-catalogs.ts`). */
declare module 'virtual:catalog/*' {
  import type { Messages } from '@lingui/core';

  const messages: Messages;
  export default messages;
}
