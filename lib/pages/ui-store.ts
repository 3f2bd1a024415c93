// The pages' view of the state: a Zustand store hydrated from storage and kept in step with
// it. Storage stays the one source of truth; the store is only a subscription to it.
import { create } from 'zustand';
import {
  accounts,
  actingAs,
  allowedSites,
  attentionFirst,
  glanceRun,
  glances,
  group,
  groupHead,
  notices,
  operations,
  recentCalls,
  relayNoticeSeen,
  tabActing,
  unstructuredInUse,
  unstructuredSites,
  unstructuredWorkspaces,
  workspaceLooks,
} from '../common/storage';
import { headOf, type Glances, type Group, type RecentCall } from '../common/model';
import { readAll, type StoredItem } from '../common/stored-item';

/** Small items, read before the first paint. */
const items = {
  accounts,
  groupHead,
  actingAs,
  tabActing,
  notices,
  operations,
  allowedSites,
  unstructuredWorkspaces,
  unstructuredInUse,
  unstructuredSites,
  workspaceLooks,
  glanceRun,
  attentionFirst,
} as const;
type Items = typeof items;
export type UiState = { [K in keyof Items]: Items[K] extends StoredItem<infer T> ? T : never } & {
  loaded: boolean;
  /** The group's members: its head (a screenful) until the whole list is read. */
  group: Group;
  groupComplete: boolean;
  /** Read after the first paint (the popup's opening time is a budget); empty until then. */
  recentCalls: RecentCall[];
  relayNoticeSeen: number;
  /** The glance's figures: read with the whole group, after the first paint (they grow with it). */
  glances: Glances;
};

export const useUi = create<UiState>(() => ({
  loaded: false,
  accounts: [],
  groupHead: headOf({ members: [], syncedAt: null }),
  group: { members: [], syncedAt: null },
  groupComplete: false,
  actingAs: null,
  tabActing: {},
  notices: [],
  operations: [],
  allowedSites: [],
  unstructuredWorkspaces: [],
  unstructuredInUse: null,
  unstructuredSites: [],
  workspaceLooks: {},
  recentCalls: [],
  relayNoticeSeen: 0,
  glanceRun: null,
  attentionFirst: false,
  glances: {},
}));

let hydrated: Promise<void> | undefined;

/**
 * Reads every small item once, then follows changes (also those made by another open popup).
 * Resolves for the first paint; the whole group (thousands of rows, perhaps) is read after it.
 */
export function hydrate(): Promise<void> {
  hydrated ??= (async () => {
    for (const [name, item] of Object.entries(items)) {
      (item as StoredItem<unknown>).watch((value) => useUi.setState({ [name]: value } as Partial<UiState>));
    }
    groupHead.watch((head) => {
      if (!useUi.getState().groupComplete) useUi.setState({ group: head });
    });
    group.watch((value) => useUi.setState({ group: value, groupComplete: true }));
    let glancesChanged = false;
    glances.watch((value) => {
      glancesChanged = true;
      useUi.setState({ glances: value });
    });
    const values = await readAll(Object.values(items));
    const state = Object.fromEntries(Object.keys(items).map((name, i) => [name, values[i]])) as Partial<UiState>;
    // The whole group may have arrived meanwhile (a sync wrote it): never replace it by the head.
    useUi.setState((now) => ({
      ...state,
      group: now.groupComplete ? now.group : (state.groupHead ?? now.group),
      loaded: true,
    }));
    // After the first paint has had its turn.
    setTimeout(() => {
      void group
        .get()
        .then((value) => useUi.getState().groupComplete || useUi.setState({ group: value, groupComplete: true }));
      void glances.get().then((value) => glancesChanged || useUi.setState({ glances: value }));
    }, 0);
    setTimeout(() => {
      recentCalls.watch((value) => useUi.setState({ recentCalls: value }));
      relayNoticeSeen.watch((value) => useUi.setState({ relayNoticeSeen: value }));
      void readAll([recentCalls, relayNoticeSeen] as StoredItem<unknown>[]).then(([calls, seen]) =>
        useUi.setState({ recentCalls: calls as RecentCall[], relayNoticeSeen: seen as number }),
      );
    }, 0);
  })();
  return hydrated;
}

/**
 * The connected workspace the popup is about when it needs one: the first that can have sub
 * workspaces, else the first (a sub workspace's key); null when none is connected.
 */
export const primaryAccount = (list: UiState['accounts']) => list.find((a) => a.kind !== 'sub') ?? list[0] ?? null;
