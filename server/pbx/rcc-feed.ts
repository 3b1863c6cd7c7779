import { PbxRequestError, type AppMessage, type AppWebsocketConnection } from './app-websocket.ts';
import { CallReplica } from './call-replica.ts';
import type { PbxCall, PbxChange } from './pbx.ts';
import { RegistrationReplica } from './registration-replica.ts';
import { asDevices } from './user-replica.ts';

/** RCC's initial list is paced by the PBX (50 users per 20 ms): 50,000 users take 20 s. */
const RCC_INITIALIZE_TIMEOUT_MS = 10 * 60_000;

/**
 * What one PBX's RCC tells: who is registered there and the calls running there (RCC `Initialize` with
 * `calls: true`). Each PBX of a system has one: a phone registers at its own site's PBX, whose RCC reports
 * its registrations and calls (innovaphone-protocol.md §10).
 */
export class RccFeed {
  private registrations = new RegistrationReplica();
  private calls = new CallReplica();
  private loaded = false;
  private watching = false;
  /** Why RCC is not available on this PBX (e.g. the App object lacks the grant), or null. */
  problem: string | null = null;

  constructor(private readonly emit: (change: PbxChange) => void) {}

  get registrationsLoaded(): boolean {
    return this.loaded;
  }

  get registrationCount(): number {
    return this.registrations.size;
  }

  /** The PBX tells about every call (InitializeResult arrived on the live connection). */
  get callsWatched(): boolean {
    return this.watching;
  }

  phoneOnline(mac: string, withinMs: number): boolean {
    return this.registrations.online(mac, withinMs);
  }

  registeredTo(mac: string): string | null {
    return this.registrations.registeredTo(mac);
  }

  callsOf(guid: string): PbxCall[] {
    return this.calls.of(guid);
  }

  dialledBy(guid: string): PbxCall[] {
    return this.calls.dialled(guid);
  }

  hasCall(guid: string, call: number): boolean {
    return (
      this.calls.dialled(guid).some((known) => known.id === call) ||
      this.calls.of(guid).some((known) => known.id === call)
    );
  }

  /** The connection is gone: nobody is known to be free of calls until the next Initialize has finished. */
  lost(): void {
    this.watching = false;
  }

  /**
   * Initialize on a new connection. Registrations seen before stay readable until the new list is complete;
   * the calls seen before a reconnect are forgotten, and their users announced, since they may have ended.
   */
  start(connection: AppWebsocketConnection): void {
    const fresh = new RegistrationReplica();
    let loading = true;
    if (!this.loaded) this.registrations = fresh;
    const callsBefore = this.calls.guids();
    this.calls = new CallReplica();
    this.watching = false;
    for (const guid of callsBefore) this.emit({ kind: 'calls', guid });
    connection
      .requestWithIndications(
        'RCC',
        'Initialize',
        { calls: true },
        (message) => this.indication(message, loading ? fresh : null),
        RCC_INITIALIZE_TIMEOUT_MS,
      )
      .then(
        () => {
          loading = false;
          this.registrations = fresh;
          this.loaded = true;
          this.watching = !connection.closed;
          this.problem = null;
          for (const guid of callsBefore) this.emit({ kind: 'calls', guid });
        },
        (error: unknown) => {
          // An App object without the RCC grant: no registrations, but everything else works.
          if (error instanceof PbxRequestError) this.problem = `RCC: ${error.message}`;
        },
      );
  }

  /** `loading`: the replica the initial list goes into (null once it is complete: changes go live). */
  private indication(message: AppMessage, loading: RegistrationReplica | null): void {
    const callOf = this.calls.apply(message);
    if (callOf !== null) {
      this.emit({ kind: 'calls', guid: callOf });
      return;
    }
    if (message.mt !== 'UserInfo' || typeof message.guid !== 'string') return;
    const target = loading ?? this.registrations;
    // A present `regs` lists the registrations; absent or empty, the user is registered nowhere (RCC.htm).
    if (message.update === 'del') target.delete(message.guid);
    else
      target.set(
        message.guid,
        asDevices(message.regs).map((reg) => reg.hw),
      );
    if (!loading) this.emit({ kind: 'registrations', guid: message.guid });
  }
}
