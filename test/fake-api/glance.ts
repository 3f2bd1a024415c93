// What the three glance endpoints answer for a workspace: its unread count, its launched
// campaigns and its email accounts (docs/instantly-api.md#glance-endpoints). Pure data: the
// Store keeps one Glances; instantly.ts turns it into responses.

/** `status` of an Account: negative values are trouble (1 active, 2 paused, 3 maintenance; -1 connection, -2 soft bounce, -3 sending error). */
export const ACCOUNT_STATUSES = [1, 2, 3, -1, -2, -3] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
/** `warmup_status`: 0 paused, 1 active; -1 banned, -2 spam folder unknown, -3 permanent suspension. */
export const WARMUP_STATUSES = [0, 1, -1, -2, -3] as const;
export type WarmupStatus = (typeof WARMUP_STATUSES)[number];
/** `provider_code`: 1 IMAP/SMTP, 2 Google, 3 Microsoft, 4 AWS, 8 AirMail, 11 Airmail Instant. */
export const PROVIDER_CODES = [1, 2, 3, 4, 8, 11] as const;
export type ProviderCode = (typeof PROVIDER_CODES)[number];

/** An SMTP-ish error as the API reports it: an object, not a string (more properties allowed). */
export interface AccountStatusMessage {
  code?: string;
  command?: string;
  response?: string;
  e_message?: string;
  responseCode?: number;
}

/** One email account, in the Account schema's own field names (`organization` is added on the wire). */
export interface AccountRecord {
  email: string;
  first_name: string;
  last_name: string;
  status: AccountStatus;
  warmup_status: WarmupStatus;
  /** Present only while something is wrong. */
  status_message?: AccountStatusMessage;
  provider_code: ProviderCode;
  stat_warmup_score: number | null;
  daily_limit: number | null;
  timestamp_created: string;
  timestamp_updated: string;
  timestamp_warmup_start: string | null;
}

/** The Account schema has no other properties than these (additionalProperties: false). */
export interface AccountBody extends AccountRecord {
  /** The workspace the account belongs to. */
  organization: string;
  setup_pending: boolean;
  is_managed_account: boolean;
}

export interface AccountPageBody {
  items: AccountBody[];
  next_starting_after?: string;
}

export interface GlanceRecord {
  unread: number;
  launched: number;
  /** In listing order: by `timestamp_created`, then `email`. */
  accounts: AccountRecord[];
}

/** Trouble as Instantly's own per-client rollup defines it (starter kit js/ops/src/rollup.ts). */
export function inTrouble(account: Pick<AccountRecord, 'status' | 'warmup_status'>): boolean {
  return account.status < 0 || account.warmup_status < 0;
}

export function byListingOrder(a: AccountRecord, b: AccountRecord): number {
  if (a.timestamp_created !== b.timestamp_created) return a.timestamp_created < b.timestamp_created ? -1 : 1;
  return a.email < b.email ? -1 : a.email > b.email ? 1 : 0;
}

/** The cursor GET /accounts gives: `timestamp_created&email` of the last item (the OpenAPI document's format). */
export function accountCursor(account: AccountRecord): string {
  return `${account.timestamp_created}&${account.email}`;
}

/**
 * Figures per workspace id. A seed may give a `source` that computes a workspace's figures when
 * first asked, so 100,000 seeded workspaces cost nothing until a test looks at one of them; a
 * figure set from outside (control route) is kept and wins.
 */
export class Glances {
  private readonly figures = new Map<string, GlanceRecord>();
  source: ((workspaceId: string) => GlanceRecord | undefined) | undefined;

  of(workspaceId: string): GlanceRecord {
    const known = this.figures.get(workspaceId);
    if (known) return known;
    const computed = this.source?.(workspaceId) ?? { unread: 0, launched: 0, accounts: [] };
    this.figures.set(workspaceId, computed);
    return computed;
  }

  /** Changes some of a workspace's figures; accounts are replaced as a whole and kept in listing order. */
  update(workspaceId: string, patch: Partial<GlanceRecord>): GlanceRecord {
    const current = this.of(workspaceId);
    const next: GlanceRecord = {
      unread: patch.unread ?? current.unread,
      launched: patch.launched ?? current.launched,
      accounts: patch.accounts ? [...patch.accounts].sort(byListingOrder) : current.accounts,
    };
    this.figures.set(workspaceId, next);
    return next;
  }

  clear(): void {
    this.figures.clear();
    this.source = undefined;
  }
}
