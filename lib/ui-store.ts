// The pages' view of the state: a Zustand store hydrated from storage and kept in step with
// it. Storage stays the one source of truth; the store is only a subscription to it.
import { create } from 'zustand';
import {
  account,
  actingAs,
  allowedSites,
  group,
  notices,
  operations,
  tabActing,
  unstructuredInUse,
  unstructuredSites,
  unstructuredWorkspaces,
  type StoredItem,
} from './storage';

const items = {
  account,
  group,
  actingAs,
  tabActing,
  notices,
  operations,
  allowedSites,
  unstructuredWorkspaces,
  unstructuredInUse,
  unstructuredSites,
} as const;
type Items = typeof items;
export type UiState = { [K in keyof Items]: Items[K] extends StoredItem<infer T> ? T : never } & { loaded: boolean };

export const useUi = create<UiState>(() => ({
  loaded: false,
  account: null,
  group: { members: [], syncedAt: null },
  actingAs: null,
  tabActing: {},
  notices: [],
  operations: [],
  allowedSites: [],
  unstructuredWorkspaces: [],
  unstructuredInUse: null,
  unstructuredSites: [],
}));

let hydrated: Promise<void> | undefined;

/** Reads every item once, then follows changes (also those made by another open popup). */
export function hydrate(): Promise<void> {
  hydrated ??= (async () => {
    for (const [name, item] of Object.entries(items)) {
      (item as StoredItem<unknown>).watch((value) => useUi.setState({ [name]: value } as Partial<UiState>));
    }
    const values = await Promise.all(Object.values(items).map((item) => (item as StoredItem<unknown>).get()));
    useUi.setState({
      ...(Object.fromEntries(Object.keys(items).map((name, i) => [name, values[i]])) as Partial<UiState>),
      loaded: true,
    });
  })();
  return hydrated;
}
