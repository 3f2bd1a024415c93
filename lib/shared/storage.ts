// Every stored item of the extension, each with its key, schema and fallback. Nothing here is
// put in storage.sync; secrets live apart (background/secrets.ts).
import { z } from 'zod/mini';
import { Account, GlanceRun, Glances, Group, GroupHead, headOf, Notice, Operation, TabChoices, Target, UnstructuredWorkspace } from './model';
import { storedItem, type StoredItem } from './stored-item';

export const account = storedItem('local:account', z.nullable(Account), null);
const EMPTY_GROUP: Group = { members: [], syncedAt: null };
const fullGroup = storedItem('local:group', Group, EMPTY_GROUP, { cache: true });

export const groupHead = storedItem('local:groupHead', GroupHead, headOf(EMPTY_GROUP));

/** The group; every write also writes its head. */
export const group: StoredItem<Group> = {
  ...fullGroup,
  set: async (value) => {
    await Promise.all([fullGroup.set(value), groupHead.set(headOf(value))]);
  },
  remove: async () => {
    await Promise.all([fullGroup.remove(), groupHead.remove()]);
  },
};
export const actingAs = storedItem('local:actingAs', z.nullable(Target), null);
export const tabActing = storedItem('session:tabActing', TabChoices, {});
/** Tabs whose badge was painted for their own choice, to be reset when that choice goes. */
export const paintedTabs = storedItem('session:paintedTabs', z.array(z.string()), []);
/** Something the user should know that happened while they were not looking. */
export const notices = storedItem('local:notices', z.array(Notice), []);
export const unstructuredWorkspaces = storedItem('local:unstructuredWorkspaces', z.array(UnstructuredWorkspace), []);
/** The id of the Unstructured workspace whose key is in use, or null. */
export const unstructuredInUse = storedItem('local:unstructuredInUse', z.nullable(z.string()), null);

/** Origins the user allowed beyond Instantly's own (kept in step with the granted permissions). */
export const allowedSites = storedItem('local:allowedSites', z.array(z.string()), []);
/** Of those, the sites whose requests may also carry the Unstructured key (each opted in by the user). */
export const unstructuredSites = storedItem('local:unstructuredSites', z.array(z.string()), []);

export const operations = storedItem('local:operations', z.array(Operation), []);

/** Unread replies, launched campaigns and accounts in trouble of each accepted sub workspace. */
export const glances = storedItem('local:glances', Glances, { version: 1, byWorkspace: {} });
/** The glance's progress (small, written often while it runs). */
export const glanceRun = storedItem('local:glanceRun', z.nullable(GlanceRun), null);
/** The popup's "Needs attention first" preference. */
export const attentionFirst = storedItem('local:attentionFirst', z.boolean(), false);
