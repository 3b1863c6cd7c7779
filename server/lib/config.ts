import { z } from 'zod';
import { inLocale } from './text.ts';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .refine(
      isPostgresUrl,
      'must be postgres://user:password@host:5432/database (special characters in the password percent-encoded)',
    )
    .optional(),
  /** `NODE_ENV=production`: the demo PBX never starts, logs are JSON lines. */
  NODE_ENV: z.string().optional(),
  /** Runs the built-in demo PBX also with PostgreSQL or in production (never against real data). */
  HOTDESK_DEMO: z.enum(['true', 'false']).default('false'),
  PBX_URL: z.string().optional(),
  /** The slave PBXs of a multi-site system, comma-separated: their sites' registrations and calls are seen there. */
  PBX_SLAVE_URLS: z.string().optional(),
  PBX_APP: z.string().default('hotdesk'),
  PBX_PASSWORD: z.string().optional(),
  PBX_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(8090),
  HOTDESK_ADMIN_PASSWORD: z.string().min(12, 'HOTDESK_ADMIN_PASSWORD must be at least 12 characters.').optional(),
  HOTDESK_GROUP_ADMIN: z.string().default('hotdesk-admin'),
  HOTDESK_GROUP_HELPDESK: z.string().default('hotdesk-helpdesk'),
  HOTDESK_GROUP_FACILITY: z.string().default('hotdesk-facility'),
  /** The security desk: sees and acknowledges emergency alerts, nothing else of the occupancy. */
  HOTDESK_GROUP_SECURITY: z.string().default('hotdesk-security'),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  // Browsers cap cookie lifetimes at 400 days; a console session of more than 30 days is a mistake.
  SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .max(720, 'SESSION_MAX_HOURS can be at most 720 (30 days).')
    .default(12),
  /** How many reverse proxies stand in front of the service (`true` is one); their headers are believed. */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d)$/, 'TRUST_PROXY must be false, true (one proxy) or the number of proxies in front (0-9).')
    .transform((value) => (value === 'true' ? 1 : value === 'false' ? 0 : Number(value)))
    .default(0),
  MYAPPS_ORIGINS: z.string().optional(),
  /** Prometheus: `GET /metrics` on the service's port with `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Prometheus without a token on a port of its own (keep it off the internet), on METRICS_HOST. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** The console's source maps are served outside production, in production only when asked for. */
  SOURCE_MAPS: z.enum(['true', 'false']).optional(),
  STATIC_DIR: z.string().default('./dist'),
  /** The console's address as people reach it (the desk labels' QR codes point there); default: as asked. */
  PUBLIC_URL: z
    .string()
    .url('PUBLIC_URL must be an address like https://hotdesk.example.com')
    .refine((url) => /^https?:\/\//.test(url), 'PUBLIC_URL must start with http:// or https://')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** The mail server: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465; unset: kept in the outbox. */
  SMTP_URL: z
    .string()
    .refine(isSmtpUrl, 'must be smtp://user:password@host:587 or smtps://user:password@host:465')
    .optional(),
  /** The sender of every message, e.g. `Hotdesk <hotdesk@example.com>`. */
  MAIL_FROM: z
    .string()
    .regex(
      /^(?:[^<>@\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/,
      'must be an address, like Hotdesk <hotdesk@example.com>',
    )
    .optional(),
});

export interface Config {
  port: number;
  production: boolean;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** undefined: run the built-in simulator. */
  pbx: { url: string; slaveUrls: string[]; app: string; password: string } | undefined;
  pbxSimPort: number;
  localAdminPassword: string | undefined;
  roleGroups: { admin: string; helpdesk: string; facility: string; security: string };
  session: { idleMs: number; absoluteMs: number };
  /** Reverse proxies in front of the service: X-Forwarded-* entries that many hops from the right count. */
  trustProxy: number;
  /** The myApps clients allowed to show the console in a frame (CSP frame-ancestors). */
  myAppsOrigins: string[];
  staticDir: string;
  /** The console's public address for the QR codes on desk labels; undefined: the address the request used. */
  publicUrl: string | undefined;
  metrics: { token: string | undefined; port: number | undefined; host: string };
  serveSourceMaps: boolean;
  /** undefined: no mail server; messages are kept in the outbox for administrators. */
  mail: { smtpUrl: string | undefined; from: string };
}

/** A configuration the service cannot run with: one line, for the operator. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** An empty variable (`PBX_URL=` in an env file, `${PUBLIC_URL:-}` in compose) is an unset one. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${inLocale(issue.message, 'en')}`);
    throw new ConfigError(`Configuration error: ${problems.join('; ')}.`);
  }
  const e = parsed.data;
  if (e.PBX_URL !== undefined && e.PBX_PASSWORD === undefined) {
    throw new ConfigError(
      'Configuration error: PBX_URL is set, so PBX_PASSWORD (the App object password) is required.',
    );
  }
  const production = e.NODE_ENV === 'production';
  // The demo PBX ends real sessions and lets `admin`/`demo` in: only for the embedded default, or when asked for.
  if (e.PBX_URL === undefined && (e.DATABASE_URL !== undefined || production) && e.HOTDESK_DEMO !== 'true') {
    throw new ConfigError(
      `Configuration error: PBX_URL is not set. Set it to your PBX (wss://<pbx>/PBX0/APPS/websocket); the built-in demo PBX runs only with the embedded database outside production${e.DATABASE_URL === undefined ? '' : ' (DATABASE_URL is set)'}, or with HOTDESK_DEMO=true.`,
    );
  }
  return {
    port: e.PORT,
    production,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    pbx:
      e.PBX_URL === undefined
        ? undefined
        : {
            url: e.PBX_URL,
            slaveUrls: (e.PBX_SLAVE_URLS ?? '').split(/[\s,]+/).filter((url) => url !== ''),
            app: e.PBX_APP,
            password: e.PBX_PASSWORD ?? '',
          },
    pbxSimPort: e.PBX_SIM_PORT,
    localAdminPassword: e.HOTDESK_ADMIN_PASSWORD,
    roleGroups: {
      admin: e.HOTDESK_GROUP_ADMIN,
      helpdesk: e.HOTDESK_GROUP_HELPDESK,
      facility: e.HOTDESK_GROUP_FACILITY,
      security: e.HOTDESK_GROUP_SECURITY,
    },
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_MAX_HOURS * 3_600_000 },
    trustProxy: e.TRUST_PROXY,
    myAppsOrigins: myAppsOrigins(e.MYAPPS_ORIGINS, e.PBX_URL, e.PBX_SIM_PORT),
    staticDir: e.STATIC_DIR,
    publicUrl: e.PUBLIC_URL,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT, host: e.METRICS_HOST },
    serveSourceMaps: e.SOURCE_MAPS === undefined ? !production : e.SOURCE_MAPS === 'true',
    mail: {
      smtpUrl: e.SMTP_URL,
      from:
        e.MAIL_FROM ?? `Hotdesk <hotdesk@${e.PUBLIC_URL === undefined ? 'localhost' : new URL(e.PUBLIC_URL).hostname}>`,
    },
  };
}

/**
 * Who may frame the console: the configured origins, else the PBX's own web origin (its myApps client is
 * served by the PBX), else the built-in simulator's launcher.
 */
function myAppsOrigins(configured: string | undefined, pbxUrl: string | undefined, simPort: number): string[] {
  if (configured !== undefined) {
    const origins = configured.split(/[\s,]+/).filter((origin) => origin !== '');
    for (const origin of origins) {
      if (!/^https?:\/\/[^/\s;']+$/.test(origin))
        throw new Error(
          `Invalid configuration:\n  MYAPPS_ORIGINS: ${origin} is not an origin like https://pbx.example.com`,
        );
    }
    return origins;
  }
  if (pbxUrl !== undefined) {
    const url = new URL(pbxUrl);
    return url.protocol === 'ws:' ? [`http://${url.host}`, `https://${url.host}`] : [`https://${url.host}`];
  }
  return [`http://127.0.0.1:${simPort}`, `http://localhost:${simPort}`];
}
