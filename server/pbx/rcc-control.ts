import type { AppWebsocketConnection } from './app-websocket.ts';
import { PbxUnavailableError } from './pbx.ts';

const RCC = 'RCC';

/**
 * Ending a call through RCC (RCC.htm): `UserClear` acts on a call of a monitored user, so the user is
 * monitored for the moment it takes (`UserInitialize` by cn, `UserClear`, `UserEnd`).
 */
export class RccControl {
  constructor(private readonly liveConnection: () => AppWebsocketConnection | null) {}

  async clear(cn: string, call: number): Promise<void> {
    const connection = this.liveConnection();
    if (!connection) throw new PbxUnavailableError('The PBX is not connected.');
    const monitor = await connection.request(RCC, 'UserInitialize', { cn });
    try {
      await connection.request(RCC, 'UserClear', { call, cause: 16 });
    } finally {
      await connection.request(RCC, 'UserEnd', { user: monitor.user }).catch(() => undefined);
    }
  }
}
