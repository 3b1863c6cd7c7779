import { PbxRequestError, type AppWebsocketConnection } from './app-websocket.ts';
import { PbxMoveError, type OwnedObject } from './pbx.ts';

const ADMIN = 'PbxAdminApi';

/** PBX objects the service creates, renames and deletes itself (PbxAdminApi UpdateObject/DeleteObject). */
export class OwnedObjects {
  constructor(
    private readonly liveConnection: () => AppWebsocketConnection | null,
    /** This service's App object: added to each object's `apps`, so that RCC shows the object and its calls. */
    private readonly app: string,
  ) {}

  /** UpdateObject without a guid creates; UpdateObjectResult carries no guid (PbxAdminApi.htm), so it is read back by cn. */
  async save(object: OwnedObject, guid?: string): Promise<string> {
    const body = {
      ...(guid === undefined ? {} : { guid }),
      cn: object.cn,
      dn: object.dn,
      h323: object.h323,
      ...(object.node === '' ? {} : { node: object.node }),
      ...(object.config === '' ? {} : { config: object.config }),
      apps: this.app,
      grp: object.groups.map((name) => ({ name, mode: '' })),
    };
    await this.request('UpdateObject', body);
    if (guid !== undefined) return guid;
    const created = await this.request('GetObject', { cn: object.cn });
    if (typeof created.guid !== 'string')
      throw new PbxMoveError('refused', 'The PBX did not show the new object.', true);
    return created.guid;
  }

  async delete(guid: string): Promise<void> {
    await this.request('DeleteObject', { guid });
  }

  private async request(mt: string, body: Record<string, unknown>) {
    const connection = this.liveConnection();
    if (!connection) throw new PbxMoveError('unavailable', 'The PBX is not connected.', true);
    try {
      return await connection.request(ADMIN, mt, body);
    } catch (error) {
      if (error instanceof PbxRequestError) throw new PbxMoveError('refused', error.message, true);
      throw new PbxMoveError('unavailable', error instanceof Error ? error.message : String(error), false);
    }
  }
}
