import type { PbxState } from '../../contract/api.ts';

/** One entry of a PBX object's device list (PbxAdminApi `device`). */
export interface PbxDevice {
  hw: string;
  text?: string;
  app?: string;
  [flag: string]: unknown;
}

/** A PBX user as the service needs it, from the live replica. */
export interface PbxUser {
  guid: string;
  /** The login name (h323 / SIP user part). */
  name: string;
  cn: string;
  displayName: string;
  e164: string;
  groups: string[];
  devices: PbxDevice[];
}

export interface PbxStatus {
  state: PbxState;
  since: string;
  lastError: string | null;
  /** The initial load of the user table has finished (on the current connection or an earlier one). */
  replicaLoaded: boolean;
  users: number;
}

/**
 * The one interface the rest of the service uses to talk to a PBX. The innovaphone implementation is
 * behind it; another PBX is another implementation and nothing else changes.
 */
export interface Pbx {
  start(): void;
  stop(): Promise<void>;
  status(): PbxStatus;
  onStatusChange(listener: (status: PbxStatus) => void): () => void;
  /** True when the PBX accepts this user's password; throws PbxUnavailableError when it cannot be asked. */
  verifyUserPassword(username: string, password: string): Promise<boolean>;
  /** The user with this login name (ignoring case) from the replica, or null. */
  findUser(username: string): Promise<PbxUser | null>;
}
