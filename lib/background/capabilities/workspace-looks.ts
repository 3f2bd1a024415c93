// Labels, badge colours and favourites: the user's own names and order for workspaces. Stored
// by id, resolved wherever a workspace is shown (lib/common/workspace-looks.ts).
import { exclusive } from '../worker/queue';
import { reconcile } from '../projection/reconcile';
import { onRequest } from '../worker/message-router';
import { headOf, HexColor, LABEL_MAX, type WorkspaceLook, type WorkspaceLooks } from '../../common/model';
import type { LookChange } from '../../common/messages';
import { done, failed, type Reply } from '../../common/reply';
import { group, groupHead, workspaceLooks } from '../../common/storage';
import { MALFORMED_ID, parseWorkspaceId } from '../../common/workspace-id';
import { favouriteIds } from '../../common/workspace-looks';

/** The look after a change: undefined fields stay, null or empty ones go. */
export function changedLook(look: WorkspaceLook, change: LookChange): WorkspaceLook {
  const next: WorkspaceLook = { ...look };
  if (change.label !== undefined) {
    const label = change.label?.trim();
    if (label) next.label = label;
    else delete next.label;
  }
  if (change.color !== undefined) {
    if (change.color) next.color = change.color.toLowerCase();
    else delete next.color;
  }
  if (change.favourite !== undefined) {
    if (change.favourite) next.favourite = true;
    else delete next.favourite;
  }
  return next;
}

/**
 * Writes looks, and the group's head when the favourites changed (the popup's first paint lists
 * them on top). Call inside exclusive().
 */
export async function writeLooks(before: WorkspaceLooks, after: WorkspaceLooks): Promise<void> {
  await workspaceLooks.set(after);
  const was = favouriteIds(before);
  const now = favouriteIds(after);
  if (was.size !== now.size || [...now].some((id) => !was.has(id))) await groupHead.set(headOf(await group.get(), now));
}

export async function setWorkspaceLook(rawId: string, change: LookChange): Promise<Reply> {
  const key = parseWorkspaceId(rawId);
  if (key === null) return failed(MALFORMED_ID);
  if (change.label && change.label.trim().length > LABEL_MAX)
    return failed(`A label can be at most ${LABEL_MAX} characters long.`);
  if (change.color && !HexColor.safeParse(change.color.toLowerCase()).success)
    return failed('Pick the badge colour with the colour picker.');
  await exclusive(async () => {
    const looks = await workspaceLooks.get();
    const { [key]: look = {}, ...rest } = looks;
    const next = changedLook(look, change);
    await writeLooks(looks, Object.keys(next).length === 0 ? rest : { ...rest, [key]: next });
  });
  // The badge and the menu show labels, colours and favourites.
  await reconcile();
  return done;
}

export function setUpWorkspaceLooks(): void {
  onRequest('setWorkspaceLook', ({ workspaceId, ...change }) => setWorkspaceLook(workspaceId, change));
}
