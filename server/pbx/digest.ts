import { createHash } from 'node:crypto';

/** The identity fields of an `AppLogin` message (innovaphone-protocol.md §1). */
export interface AppLoginIdentity {
  app: string;
  domain: string;
  sip: string;
  guid: string;
  dn: string;
  info?: Record<string, unknown> | undefined;
}

/**
 * SHA-256 over `app:domain:sip:guid:dn:info:challenge:password`, lowercase hex; without `info` the
 * segment and its colon are left out. `info` is hashed as JSON.stringify writes it, so the exact object
 * sent must be the one hashed.
 */
export function appLoginDigest(identity: AppLoginIdentity, challenge: string, password: string): string {
  const parts = [identity.app, identity.domain, identity.sip, identity.guid, identity.dn];
  if (identity.info !== undefined) parts.push(JSON.stringify(identity.info));
  parts.push(challenge, password);
  return createHash('sha256').update(parts.join(':')).digest('hex');
}
