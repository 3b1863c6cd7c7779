/**
 * The one shape of every refusal the simulator sends: `<Op>Result` with `error` (a number) and
 * `errorText`, as innovaphone answers in PbxApi and myApps (innovaphone-protocol.md §6). PbxAdminApi.htm
 * documents no error codes, so the numbers and texts here are the simulator's own: change them here only.
 */
export const SIM_ERROR_CODES = {
  notLoggedIn: 1,
  notGranted: 2,
  unsupported: 3,
  notFound: 4,
  invalid: 5,
  conflict: 6,
  refused: 7,
  loginFailed: 8,
} as const;

export type SimErrorKind = keyof typeof SIM_ERROR_CODES;

export interface SimErrorAnswer extends Record<string, unknown> {
  mt: string;
  error: number;
  errorText: string;
}

export function simError(mt: string, kind: SimErrorKind, errorText: string): SimErrorAnswer {
  return { mt, error: SIM_ERROR_CODES[kind], errorText };
}
