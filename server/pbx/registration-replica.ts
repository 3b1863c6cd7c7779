/** Who is registered where, from RCC UserInfo messages: hardware id (lowercase) → user guid. */
export class RegistrationReplica {
  private readonly byUser = new Map<string, Set<string>>();
  private readonly byHw = new Map<string, string>();
  /** When each phone was last seen to stop being registered (it re-registers after its device list changed). */
  private readonly goneAt = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  get size(): number {
    return this.byHw.size;
  }

  /** Replaces a user's registrations with `hws`. */
  set(guid: string, hws: readonly string[]): void {
    this.delete(guid);
    const set = new Set(hws.map((hw) => hw.toLowerCase()));
    if (set.size === 0) return;
    this.byUser.set(guid, set);
    for (const hw of set) this.byHw.set(hw, guid);
  }

  delete(guid: string): void {
    for (const hw of this.byUser.get(guid) ?? [])
      if (this.byHw.get(hw) === guid) {
        this.byHw.delete(hw);
        this.goneAt.set(hw, this.now());
      }
    this.byUser.delete(guid);
  }

  /** Registered now, or until less than `withinMs` ago (moving to another user: it registers again in seconds). */
  online(hw: string, withinMs: number): boolean {
    const key = hw.toLowerCase();
    if (this.byHw.has(key)) return true;
    const gone = this.goneAt.get(key);
    return gone !== undefined && this.now() - gone < withinMs;
  }

  registeredTo(hw: string): string | null {
    return this.byHw.get(hw.toLowerCase()) ?? null;
  }
}
