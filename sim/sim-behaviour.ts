/**
 * Where innovaphone's documents leave a PBX's behaviour open, the simulator offers each way a real PBX may
 * behave. The defaults follow the documents and innovaphone's own client code; the service must work with
 * every variant (test/pbx-variants.int.test.ts runs the adapter against each). docs/innovaphone.md
 * lists them with our choice.
 */
export interface SimBehaviour {
  /**
   * `{mt: "KeepAlive"}`: no answer is documented and innovaphone's clients expect none (silent), or a PBX that
   * answers `KeepAliveResult`.
   */
  keepAlive: 'silent' | 'answered';
  /** How the PBX keeps a device's hardware id: as written, or normalised to upper or lower case. */
  hwCase: 'as-written' | 'upper' | 'lower';
  /** RCC UserInfo of a user without registrations: `regs` left out (a present `regs` means registered) or `[]`. */
  unregisteredRegs: 'absent' | 'empty';
  /** RCC's end of a call: `CallDel` (the message's own section of RCC.htm) or `CallDelete` (Initialize's text). */
  callEnd: 'CallDel' | 'CallDelete';
  /** PbxTableUsers' `pseudo` column: XML as on a real PBX (`<pseudo type="…"/>`), or the bare type. */
  pseudoColumn: 'xml' | 'type';
  /** ReplicateStart's `pseudo` filter: honoured (users only without it), or unknown to the PBX (every object). */
  pseudoFilter: 'honoured' | 'ignored';
  /**
   * Refusals: as documented (RCC `error` a text; PbxAdminApi, which documents none, and the rest a number with
   * `errorText`, as PbxApi and myApps do), or one shape everywhere.
   */
  errors: 'documented' | 'numeric' | 'text';
  /** Whether the master's RCC also reports the registrations and calls of its slaves' users (undocumented). */
  masterSeesSlaves: boolean;
}

export const documentedBehaviour: SimBehaviour = {
  keepAlive: 'silent',
  hwCase: 'as-written',
  unregisteredRegs: 'absent',
  callEnd: 'CallDel',
  pseudoColumn: 'xml',
  pseudoFilter: 'honoured',
  errors: 'documented',
  masterSeesSlaves: false,
};

/** Each open behaviour's other ways, one variant at a time beside the documented default. */
export const behaviourVariants: { name: string; behaviour: Partial<SimBehaviour> }[] = [
  { name: 'KeepAlive answered', behaviour: { keepAlive: 'answered' } },
  { name: 'hardware ids in upper case', behaviour: { hwCase: 'upper' } },
  { name: 'hardware ids in lower case', behaviour: { hwCase: 'lower' } },
  { name: 'regs: [] for an unregistered user', behaviour: { unregisteredRegs: 'empty' } },
  { name: 'CallDelete ends a call', behaviour: { callEnd: 'CallDelete' } },
  { name: 'pseudo as a bare type', behaviour: { pseudoColumn: 'type' } },
  { name: 'pseudo filter ignored', behaviour: { pseudoFilter: 'ignored' } },
  { name: 'numeric errors everywhere', behaviour: { errors: 'numeric' } },
  { name: 'text errors everywhere', behaviour: { errors: 'text' } },
  { name: 'master sees the slaves', behaviour: { masterSeesSlaves: true } },
];

/** `--keep-alive answered --hw-case upper …` (the simulator's command line) → a behaviour. */
export function behaviourFromArgs(args: readonly string[]): Partial<SimBehaviour> {
  const behaviour: Record<string, unknown> = {};
  for (let index = 0; index < args.length; index += 1) {
    const flag = args[index] ?? '';
    if (!flag.startsWith('--')) continue;
    const key = flag.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    if (!(key in documentedBehaviour)) continue;
    const value = args[index + 1] ?? '';
    index += 1;
    behaviour[key] = typeof documentedBehaviour[key as keyof SimBehaviour] === 'boolean' ? value === 'true' : value;
  }
  return behaviour as Partial<SimBehaviour>;
}

/** A hardware id as a PBX with this behaviour keeps it. */
export function keptHw(hw: string, behaviour: SimBehaviour): string {
  if (behaviour.hwCase === 'upper') return hw.toUpperCase();
  if (behaviour.hwCase === 'lower') return hw.toLowerCase();
  return hw;
}

/** The `pseudo` column of a table row: empty for users, else XML or the bare type. */
export function pseudoColumn(pseudo: { type: string; [attribute: string]: unknown } | null, behaviour: SimBehaviour) {
  if (pseudo === null) return '';
  if (behaviour.pseudoColumn === 'type') return pseudo.type;
  const attributes = Object.entries(pseudo)
    .filter(([, value]) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    .map(
      ([name, value]) =>
        ` ${name}="${String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"`,
    )
    .join('');
  return `<pseudo${attributes}/>`;
}
