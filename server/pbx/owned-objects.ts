import { PbxRequestError, type AppWebsocketConnection } from './app-websocket.ts';
import { PbxMoveError, type OwnedObject } from './pbx.ts';

const ADMIN = 'PbxAdminApi';

/**
 * PbxAdminApi writes beyond device lists: objects the service creates, renames and deletes itself
 * (UpdateObject/DeleteObject), a person's PBX location, and the locations there are (GetNodes).
 */
export class OwnedObjects {
  constructor(
    private readonly liveConnection: () => AppWebsocketConnection | null,
    /** This service's App object: added to each object's `apps`, so that RCC shows the object and its calls. */
    private readonly app: string,
  ) {}

  /**
   * UpdateObject without a guid creates. innovaphone's PHP sample reads the new guid from UpdateObjectResult;
   * PbxAdminApi.htm does not document it there, so without one the object is read back by cn.
   */
  async save(object: OwnedObject, guid?: string): Promise<string> {
    const body = {
      ...(guid === undefined ? {} : { guid }),
      cn: object.cn,
      dn: object.dn,
      h323: object.h323,
      ...(object.node === '' ? {} : { node: object.node }),
      ...(object.config === '' ? {} : { config: object.config }),
      ...(object.loc === '' ? {} : { loc: object.loc }),
      apps: this.app,
      grp: object.groups.map((name) => ({ name, mode: '' })),
    };
    const result = await this.request('UpdateObject', body);
    if (guid !== undefined) return guid;
    if (typeof result.guid === 'string' && result.guid !== '') return result.guid;
    const created = await this.request('GetObject', { cn: object.cn });
    if (typeof created.guid !== 'string')
      throw new PbxMoveError('refused', 'The PBX did not show the new object.', true);
    return created.guid;
  }

  async delete(guid: string): Promise<void> {
    await this.request('DeleteObject', { guid });
  }

  async setLocation(guid: string, loc: string): Promise<void> {
    await this.request('UpdateObject', { guid, loc });
  }

  /** The PBXes of the installation: GetNodes' nodes that are a PBX, and the local one (GetPbxConfig). */
  async locations(): Promise<string[]> {
    return readLocations((mt) => this.request(mt, {}));
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

/**
 * The PBXs of an installation (PbxAdminApi.htm): the local one (GetPbxConfig `loc`) and, from GetNodes, every
 * node that has a `loc` ("present if the node is also a PBX") and every `loc` ("indicates the parent PBX"): so a
 * slave is found by its node and its master by the slave's `loc`, whichever way a PBX fills them in.
 */
export async function readLocations(request: (mt: string) => Promise<Record<string, unknown>>): Promise<string[]> {
  const [nodes, config] = await Promise.all([request('GetNodes'), request('GetPbxConfig')]);
  const found = new Set<string>();
  if (typeof config.loc === 'string' && config.loc !== '') found.add(config.loc);
  for (const node of Array.isArray(nodes.nodes) ? (nodes.nodes as unknown[]) : []) {
    const { name, loc } = (node ?? {}) as { name?: unknown; loc?: unknown };
    if (typeof loc !== 'string' || loc === '') continue;
    found.add(loc);
    if (typeof name === 'string' && name !== '') found.add(name);
  }
  return [...found].sort((a, b) => a.localeCompare(b));
}
