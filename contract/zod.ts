import { z } from 'zod';

/**
 * The one way the console and the contract get zod. zod 4 decides when an object schema is *created*
 * whether to compile it with `new Function`, probing for eval first; under the console's strict CSP (no
 * 'unsafe-eval') that probe is a reported violation on every page. jitless must therefore be set before
 * the first schema exists: every module that makes schemas imports z from here, never from 'zod'.
 */
z.config({ jitless: true });

export { z };
