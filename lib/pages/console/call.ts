// The console's clients take the call to Instantly as a function: in the page it is the worker's
// one call primitive (the worker adds the agency's key and x-as-workspace and paces it); in tests a
// fake. The answer's body is parsed here, on the page, with each client's own schema.

export interface CallRequest {
  /** The connected agency (admin workspace) whose key makes the call. */
  agencyId: string;
  /** An accepted sub workspace of that agency; null for the agency's own admin workspace. */
  asWorkspaceId: string | null;
  method: 'GET' | 'POST';
  /** e.g. /api/v2/campaigns/analytics/overview, no query string. */
  path: string;
  query?: [string, string][];
  body?: unknown;
}

export type CallResult = { ok: true; status: number; body: unknown } | { ok: false; error: string; unknown?: boolean };

export type Call = (request: CallRequest) => Promise<CallResult>;
