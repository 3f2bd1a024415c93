// The shapes of what the extension keeps: zod schemas first, types inferred from them, so the
// runtime check and the type never drift. Where each is stored: storage.ts.
import { z } from 'zod/mini';
import { NormalisedId, Uuid, WorkspaceId } from './workspace-id';

/**
 * A stored list read element by element: an element that does not parse (corrupt, or written by
 * a version that is gone) is dropped, and every other one kept.
 */
export function listOf<S extends z.ZodMiniType>(element: S) {
  return z.pipe(
    z.array(z.unknown()),
    z.transform((raw) => {
      const all = z.array(element).safeParse(raw);
      if (all.success) return all.data;
      return raw.flatMap((item) => {
        const one = element.safeParse(item);
        return one.success ? [one.data] : [];
      });
    }),
  );
}

/**
 * A stored record read entry by entry, like listOf: an entry whose key or value does not parse
 * is dropped, and a key is kept as parsed (a WorkspaceId key in lower case). (Built with fromEntries, so a key like "__proto__" is a key, never a prototype.)
 */
export function recordOf<S extends z.ZodMiniType>(value: S, key: z.ZodMiniType<string> = z.string()) {
  return z.pipe(
    z.record(z.string(), z.unknown()),
    z.transform((raw): Record<string, z.infer<S>> =>
      Object.fromEntries(
        Object.entries(raw).flatMap(([name, item]) => {
          const one = value.safeParse(item);
          const id = key.safeParse(name);
          return id.success && one.success ? [[id.data, one.data]] : [];
        }),
      ),
    ),
  );
}

/** A web origin as the browser writes one ("https://crm.example.com"): what allowed sites are kept as. */
export const Origin = z.string().check(
  z.refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
    } catch {
      return false;
    }
  }),
);

export const MemberStatus = z.enum(['pending', 'accepted', 'rejected']);
export type MemberStatus = z.infer<typeof MemberStatus>;

/** A sub workspace the user acts as. */
export const Target = z.object({ workspaceId: WorkspaceId, name: z.string() });
export type Target = z.infer<typeof Target>;

export const AccountKind = z.enum(['admin', 'sub', 'standalone']);
export type AccountKind = z.infer<typeof AccountKind>;

/** The workspace the saved Instantly key belongs to. Not a secret. */
export const Account = z.object({
  workspaceId: WorkspaceId,
  workspaceName: z.string(),
  kind: AccountKind,
  /** For a sub workspace: its admin workspace, and the membership to delete to leave. */
  admin: z.optional(z.object({ name: z.string(), membershipId: z.optional(z.string()) })),
  remembered: z.boolean(),
  checkedAt: z.number(),
  /**
   * This workspace's last refresh (absent before several keys): when it last succeeded, and its
   * failure since, as a sentence, with what the user can do. One agency's success never hides
   * another's failure: the group's error is made of these (groupStatusOf).
   */
  syncedAt: z.catch(z.optional(z.nullable(z.number())), undefined),
  error: z.catch(z.optional(z.string()), undefined),
  remedy: z.catch(z.optional(z.enum(['retry', 'new-key'])), undefined),
  /** Its memberships the last sync could not read, described (see Group.unreadable). */
  unreadable: z.catch(z.optional(listOf(z.string())), undefined),
});
export type Account = z.infer<typeof Account>;

export const Member = z.object({
  membershipId: Uuid,
  workspaceId: WorkspaceId,
  name: z.nullable(z.string()),
  status: MemberStatus,
  addedAt: z.string(),
  /**
   * The admin workspace whose key listed it (several agencies share one list). Absent only in
   * rows stored before several keys, which start-up tags (adminIdOf covers a row it missed).
   */
  adminId: z.optional(WorkspaceId),
});
export type Member = z.infer<typeof Member>;

/** The connected workspace a row belongs to: its own tag, else the first connected admin workspace. */
export function adminIdOf(
  member: Pick<Member, 'adminId'>,
  accounts: Pick<Account, 'workspaceId' | 'kind'>[],
): string | undefined {
  return (
    member.adminId ?? (accounts.find((a) => a.kind === 'admin') ?? accounts.find((a) => a.kind !== 'sub'))?.workspaceId
  );
}

/** The connected workspaces that can have sub workspaces (an admin, or one in no group that may invite). */
export const agenciesOf = <A extends Pick<Account, 'kind'>>(accounts: A[]) => accounts.filter((a) => a.kind !== 'sub');

/**
 * The group's refresh status made of every connected workspace's own: each failure said (named
 * by its workspace when there are several), fresh only as of the oldest success.
 */
export function groupStatusOf(accounts: Account[]): Pick<Group, 'syncedAt' | 'error' | 'remedy' | 'unreadable'> {
  const failing = accounts.filter((a) => a.error);
  const error = failing
    .map((a) => (accounts.length > 1 ? `${a.workspaceName}: ${a.error ?? ''}` : (a.error ?? '')))
    .join(' ');
  const remedy = failing.some((a) => a.remedy === 'new-key')
    ? 'new-key'
    : failing.some((a) => a.remedy === 'retry')
      ? 'retry'
      : undefined;
  const times = accounts.map((a) => a.syncedAt ?? null);
  const syncedAt = times.length === 0 || times.includes(null) ? null : Math.min(...(times as number[]));
  const unreadable = accounts.flatMap((a) => a.unreadable ?? []);
  return {
    syncedAt,
    ...(error ? { error } : {}),
    ...(remedy ? { remedy } : {}),
    ...(unreadable.length ? { unreadable } : {}),
  };
}

/** The name a user knows a workspace by: its name, or its id when Instantly has none. */
export const displayName = (member: Pick<Member, 'name' | 'workspaceId'>) => member.name || member.workspaceId;

// A field of the group that does not parse costs only that field, never the members.
export const Group = z.object({
  members: listOf(Member),
  syncedAt: z.catch(z.nullable(z.number()), null),
  /** The last refresh's failure, as a sentence; cleared by the next success. */
  error: z.catch(z.optional(z.string()), undefined),
  /** What the user can do about it: try again, or paste a new key. */
  remedy: z.catch(z.optional(z.enum(['retry', 'new-key'])), undefined),
  /**
   * Memberships the last sync got but could not read (not among `members`), each described
   * ("Acme: status “invited”"), so the user is told once and the popup can say why a row is missing.
   */
  unreadable: z.catch(z.optional(listOf(z.string())), undefined),
});
export type Group = z.infer<typeof Group>;

/** A group synced this recently is not fetched again when the popup opens (Refresh always does). */
export const FRESH_FOR_MS = 60_000;

export const Notice = z.object({ id: z.string(), text: z.string(), at: z.number() });
export type Notice = z.infer<typeof Notice>;

/**
 * The start of the group, so the popup's first paint needs no more than a screenful of rows
 * however large the group is (the whole list follows a moment later).
 */
export const GroupHead = z.object({
  ...Group.shape,
  total: z.number(),
  counts: z.object({ accepted: z.number(), pending: z.number(), rejected: z.number() }),
});
export type GroupHead = z.infer<typeof GroupHead>;
export const HEAD_ROWS = 12;

/** @param first workspace ids listed before the rest (the favourites), so the first paint has them on top. */
export function headOf(value: Group, first: ReadonlySet<string> = new Set()): GroupHead {
  const counts = { accepted: 0, pending: 0, rejected: 0 };
  for (const m of value.members) counts[m.status]++;
  const isFirst = (m: Member) => first.has(m.workspaceId);
  const ordered =
    first.size === 0 ? value.members : [...value.members.filter(isFirst), ...value.members.filter((m) => !isFirst(m))];
  return { ...value, members: ordered.slice(0, HEAD_ROWS), total: value.members.length, counts };
}
/**
 * Per-tab choices, by tab id: a sub workspace, or null for "the admin workspace in this tab"
 * (a tab without an entry follows the everywhere choice). Tab ids do not survive a browser
 * restart, so these live in session storage and go with it.
 */
export const TabChoices = recordOf(z.nullable(Target), z.string().check(z.regex(/^\d+$/)));
export type TabChoices = z.infer<typeof TabChoices>;
/** Tab id → the origin activeTab gave the extension access to there (session storage, as above). */
export const GuardedTabs = recordOf(Origin, z.string().check(z.regex(/^\d+$/)));
export type GuardedTabs = z.infer<typeof GuardedTabs>;
/** An Unstructured workspace the user added: its key is a secret of its own (secrets.ts). */
export const UnstructuredWorkspace = z.object({
  id: z.string(),
  name: z.string(),
  /** The API base without /api/v1, e.g. https://platform.unstructuredapp.io. */
  apiBase: z.string(),
  /** The key's last characters, so the user can tell keys apart without it being shown. */
  keyHint: z.string(),
  remembered: z.boolean(),
  summary: z.optional(z.object({ workflows: z.number(), jobs: z.number() })),
  addedAt: z.number(),
});
export type UnstructuredWorkspace = z.infer<typeof UnstructuredWorkspace>;
/**
 * Invite, remove and leave, journalled before they are sent. An entry whose outcome is not
 * known (no answer in time, a 5xx, a worker stopped mid-way) stays until a sync settles it
 * from the server's state: never lost, never sent again.
 */
export const Operation = z.object({
  id: z.string(),
  kind: z.enum(['invite', 'remove', 'leave']),
  workspaceId: z.optional(NormalisedId),
  membershipId: z.optional(NormalisedId),
  /** What the user calls the workspace concerned. */
  label: z.string(),
  at: z.number(),
  /**
   * sending: the request is on its way (a removal's row is hidden meanwhile).
   * unknown: it was sent, but whether Instantly applied it is not known; the next sync finds
   * out and tells the user. Its row is shown, as being checked: it may still be there.
   */
  state: z.enum(['sending', 'unknown']),
  /** Why an entry is unknown: a worker stopped mid-way, or Instantly gave no usable answer. */
  cause: z.optional(z.enum(['interrupted', 'no-answer'])),
  /** The workspace whose key sent it (absent in v1 entries): only its own state can settle it. */
  accountId: z.optional(NormalisedId),
});
export type Operation = z.infer<typeof Operation>;
// Length checks here and in settings-file.ts are plain refine()s: zod's own length checks bring
// code of their own into the worker's bundle (a few hundred bytes gzip, measured).
/** A badge colour as #rrggbb (what an <input type="color"> gives). */
export const HexColor = z.string().check(z.regex(/^#[0-9a-f]{6}$/));
/** A label shown instead of a workspace's own name is a name, not a paragraph. */
export const LABEL_MAX = 40;
/** What the user made of a workspace: a label of their own, a badge colour, a favourite. Not a secret. */
export const WorkspaceLook = z.object({
  label: z.optional(z.string().check(z.refine((text) => text.length >= 1 && text.length <= LABEL_MAX))),
  color: z.optional(HexColor),
  favourite: z.optional(z.boolean()),
});
export type WorkspaceLook = z.infer<typeof WorkspaceLook>;
/** By workspace id in lower case (lib/common/workspace-looks.ts reads them); a bad entry costs only itself. */
export const WorkspaceLooks = recordOf(WorkspaceLook, WorkspaceId);
export type WorkspaceLooks = z.infer<typeof WorkspaceLooks>;
/**
 * A request a page made to an API host the extension manages, as the browser sent it (after the
 * rules). Only what a user needs to see whom it went out as: never a key, a query, a body or
 * any header value but the workspace x-as-workspace named (kept as that workspace's name).
 */
export const RecentCall = z.object({
  /** The browser's request id. */
  id: z.string(),
  at: z.number(),
  method: z.string(),
  /** The API host, e.g. api.instantly.ai; the path has no query string. */
  host: z.string(),
  path: z.string(),
  /** The host of the page that made it; null when the browser does not say (an opaque origin). */
  site: z.nullable(z.string()),
  /** The HTTP status; 'failed' when no answer came (network, CORS, blocked); null while pending. */
  status: z.nullable(z.union([z.number(), z.literal('failed')])),
  /**
   * instantly: a call to Instantly's API; unstructured: to an Unstructured API; relayed: a call
   * the page handed to its own server to make (Mintlify's “Try it”), which no rule can switch.
   */
  api: z.enum(['instantly', 'unstructured', 'relayed']),
  /**
   * Whom it went out as: the workspace named by x-as-workspace (Instantly) or whose key the
   * extension added (Unstructured); null for none (the key's own workspace: for an admin key,
   * the admin workspace).
   */
  as: z.nullable(z.string()),
  /** relayed only: the workspace the extension was acting as for that tab, which the call did not get. */
  meant: z.optional(z.string()),
  /** A call the extension itself made for the agency console (its request builder, its actions). */
  from: z.optional(z.literal('console')),
  /**
   * From an opaque origin or a site the extension holds no permission for: no rule of the
   * extension's touched it, so it says nothing of whom the extension acts as (`as` is null).
   */
  unknownSite: z.optional(z.literal(true)),
});
export type RecentCall = z.infer<typeof RecentCall>;
/** How many calls the popup's `Recent API calls` keeps. */
export const RECENT_CALLS_KEPT = 50;
/**
 * What the list may weigh in storage.session, as JSON, and one call's path and method: any page
 * can make calls to the API, and the list shares its area (10 MB) with keys not remembered and
 * the per-tab choices.
 */
export const RECENT_CALLS_BYTES = 24_000;
export const RECENT_CALL_PATH_KEPT = 120;
export const RECENT_CALL_METHOD_KEPT = 10;

/** A sending account in trouble, and why (its status, its warmup status, the server's message). */
export const TroubledAccount = z.object({ email: z.string(), reason: z.string() });
export type TroubledAccount = z.infer<typeof TroubledAccount>;

/**
 * What the glance learnt of one accepted sub workspace at `fetchedAt`. A figure is missing when
 * its call failed; `error` then says why, in sentences.
 */
export const WorkspaceGlance = z.object({
  fetchedAt: z.number(),
  unread: z.optional(z.number()),
  launched: z.optional(z.number()),
  /** Sending accounts with a negative status or warmup status. */
  trouble: z.optional(z.number()),
  /** The first few of those, by name (TROUBLE_NAMED), so the item stays small. */
  troubled: z.optional(z.array(TroubledAccount)),
  /** Rows of the account list that could not be read (skipped, not counted as trouble). */
  unreadableAccounts: z.optional(z.number()),
  error: z.optional(z.string()),
});
export type WorkspaceGlance = z.infer<typeof WorkspaceGlance>;
export const TROUBLE_NAMED = 5;

/** The glance's figures by sub workspace id, read entry by entry (one bad entry costs only itself). */
export const Glances = recordOf(WorkspaceGlance, WorkspaceId);
export type Glances = z.infer<typeof Glances>;

/** The glance run: going or last finished, how far, and why it stopped if it did not finish. */
export const GlanceRun = z.object({
  running: z.boolean(),
  done: z.number(),
  total: z.number(),
  startedAt: z.number(),
  finishedAt: z.optional(z.number()),
  error: z.optional(z.string()),
});
export type GlanceRun = z.infer<typeof GlanceRun>;
