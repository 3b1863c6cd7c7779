import { z } from './zod.ts';

/** POST /api/v1/pbx/check: `writeTest` names an object (its Long Name) whose device list is written back unchanged. */
export const pbxCheckRequestSchema = z.object({
  writeTest: z.string().trim().min(1).max(128).optional(),
});

/** One check of the PBX connection check (`npm run pbx-check`, POST /api/v1/pbx/check). */
export const pbxCheckItemSchema = z.object({
  /** What was checked: `address`, `tls`, `connect`, `login`, `PbxAdminApi`, `PbxTableUsers`, `RCC (…)`, `pbxs`, `liveness`, `myapps`, `write`. */
  id: z.string(),
  status: z.enum(['ok', 'warning', 'failed', 'skipped']),
  /** What was found, in English (the report is meant to be sent to support as it is). */
  detail: z.string(),
  /** What to do about it. */
  fix: z.string().optional(),
});
export type PbxCheckItem = z.infer<typeof pbxCheckItemSchema>;

export const pbxCheckReportSchema = z.object({
  checkedAt: z.string(),
  /** The PBX's address, without credentials. */
  url: z.string(),
  app: z.string(),
  /** No check failed: the service can work with this PBX. */
  ok: z.boolean(),
  items: z.array(pbxCheckItemSchema),
  facts: z.object({
    pbxName: z.string().optional(),
    /** The PBXs of the system (GetNodes). */
    pbxs: z.array(z.string()),
    users: z.number().int().optional(),
    registrations: z.number().int().optional(),
    /** Every field the PBX's device entries carry (kept as they are by every write). */
    deviceFields: z.array(z.string()),
    keepAliveAnswered: z.boolean().optional(),
    /** What AppLoginResult carried besides `ok` (some PBX versions tell their version there). */
    login: z.record(z.string(), z.unknown()).optional(),
    myAppsUrl: z.string().optional(),
    /** The `app` name the PBX signs myApps logins with: the file name of the App object's URL. */
    myAppsApp: z.string().optional(),
  }),
});
export type PbxCheckReport = z.infer<typeof pbxCheckReportSchema>;
