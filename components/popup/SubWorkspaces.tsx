import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { recallSearch, rememberSearch } from '@/lib/pages/last-search';
import { listKey } from '@/lib/pages/list-keys';
import { shownRows } from '@/lib/pages/group-view';
import { prepareSearch } from '@/lib/pages/search';
import { cannotActAs } from '@/lib/common/act-as-refusal';
import type { LookChange } from '@/lib/common/messages';
import { agencyOf } from '@/lib/common/agencies';
import {
  adminIdOf,
  displayName,
  type Account,
  type GlanceRun,
  type Glances,
  type GroupHead,
  type Member,
  type WorkspaceLooks,
} from '@/lib/common/model';
import { lookOf } from '@/lib/common/workspace-looks';
import { ConfirmDialog } from '../ConfirmDialog';
import { EditLookDialog } from './EditLookDialog';
import { GlanceBar } from './GlanceBar';
import { WorkspaceList } from './WorkspaceList';

export interface SubWorkspacesProps {
  /** The rows to list (a removal in flight already hidden). */
  members: Member[];
  /** Membership ids whose removal's outcome is being checked (group-view.ts checkingRemovals). */
  checking?: ReadonlySet<string>;
  /** Whether `members` is the whole group yet, or only its head. */
  complete: boolean;
  head: Pick<GroupHead, 'total' | 'counts'>;
  actingAsId: string | null;
  canRemove: boolean;
  /** The active tab, for "This tab only"; undefined where there is none. */
  tabId: number | undefined;
  glances: Glances;
  glanceRun: GlanceRun | null;
  attentionFirst: boolean;
  onActAs: (member: Member, tabId: number | undefined) => void;
  onRemove: (member: Member) => void;
  onRefusal: (sentence: string) => void;
  /** A membership just invited: its row is shown and highlighted once it is in the list (a new object per invite). */
  reveal?: { membershipId: string } | null;
  /** Labels, colours, favourites; `members` already lists the favourites first. */
  looks: WorkspaceLooks;
  onLook: (member: Member, change: LookChange) => void;
  /** With several agencies: their names by admin workspace id (rows then say theirs, and the list can be narrowed to one). */
  agencyNames?: Map<string, string> | null;
  accounts?: Account[];
}

/** The searchable list of sub workspaces, with the keyboard on the search box. */
export function SubWorkspaces({
  members: everyRow,
  checking,
  complete,
  head,
  actingAsId,
  canRemove,
  tabId,
  glances,
  glanceRun,
  attentionFirst,
  onActAs,
  onRemove,
  onRefusal,
  reveal,
  looks,
  onLook,
  agencyNames = null,
  accounts = [],
}: SubWorkspacesProps) {
  // '' for all agencies; otherwise the admin workspace id whose rows are listed.
  const [agency, setAgency] = useState('');
  const inAgency = useMemo(
    () =>
      agencyNames && agency && agencyNames.has(agency)
        ? everyRow.filter((m) => adminIdOf(m, accounts) === agency)
        : everyRow,
    [everyRow, agency, agencyNames, accounts],
  );
  const [query, setQuery] = useState(recallSearch);
  const deferredQuery = useDeferredValue(query);
  const [thisTabOnly, setThisTabOnly] = useState(false);
  // The highlight belongs to the results of one query: a new query starts on its best match,
  // in the same render as its results (never the old index over the new list).
  const [highlight, setHighlight] = useState({ query: deferredQuery, index: 0 });
  const highlighted = highlight.query === deferredQuery ? highlight.index : 0;
  const [scrollRequest, setScrollRequest] = useState(0);
  // Read out by screen readers as the arrow keys move (the rows are virtualised, not focused).
  const [announcement, setAnnouncement] = useState('');
  const [removing, setRemoving] = useState<Member | null>(null);
  const [editing, setEditing] = useState<Member | null>(null);
  const members = useMemo(
    () => shownRows(inAgency, deferredQuery, looks, attentionFirst, glances),
    [inAgency, deferredQuery, looks, attentionFirst, glances],
  );
  const failed = useMemo(
    () => inAgency.filter((m) => m.status === 'accepted' && glances[m.workspaceId]?.error).length,
    [inAgency, glances],
  );
  useEffect(() => rememberSearch(deferredQuery), [deferredQuery]);
  // The first keystroke then finds a large group folded already.
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') return;
    const idle = requestIdleCallback(() => prepareSearch(inAgency, looks));
    return () => cancelIdleCallback(idle);
  }, [inAgency, looks]);

  // A new invitation: once its row is in the list, scroll to it and highlight it (clearing a
  // search that hides it). Done while rendering, as React adjusts state to new props: in an
  // effect the list would paint once without the row highlighted.
  const [revealed, setRevealed] = useState<object | null>(null);
  if (reveal && revealed !== reveal && everyRow.some((m) => m.membershipId === reveal.membershipId)) {
    const index = members.findIndex((m) => m.membershipId === reveal.membershipId);
    if (index >= 0) {
      setRevealed(reveal);
      setHighlight({ query: deferredQuery, index });
      setScrollRequest((n) => n + 1);
    } else {
      if (query !== '') setQuery('');
      if (agency !== '') setAgency('');
    }
  }

  const actAs = (member: Member) => onActAs(member, thisTabOnly ? tabId : undefined);

  function onKeyDown(event: React.KeyboardEvent) {
    // The list can lag the search box by a render (useDeferredValue): Enter and the arrows work
    // on the results of what is typed now, whose best match comes first.
    const settled = query === deferredQuery || !['Enter', 'ArrowDown', 'ArrowUp'].includes(event.key);
    const list = settled ? members : shownRows(inAgency, query, looks, attentionFirst, glances);
    const outcome = listKey(event.key, settled ? highlighted : 0, list.length, query !== '');
    if (outcome.kind === 'none') return;
    if (outcome.kind !== 'choose') event.preventDefault();
    if (outcome.kind === 'move') {
      setHighlight({ query, index: outcome.to });
      const member = list[outcome.to];
      if (member) setAnnouncement(`${displayName(member)}, ${member.status}, ${outcome.to + 1} of ${list.length}`);
    } else if (outcome.kind === 'choose') {
      const member = list[outcome.index];
      if (member?.status === 'accepted') actAs(member);
      else if (member) onRefusal(cannotActAs(displayName(member), member.status));
    } else if (outcome.kind === 'clear-search') setQuery('');
    else window.close();
  }

  return (
    <>
      <div className="search-line">
        <input
          type="search"
          aria-label="Search workspaces"
          placeholder="Search by name or ID"
          // eslint-disable-next-line jsx-a11y/no-autofocus -- the popup opens to be typed in: its search box is where the keyboard starts
          autoFocus
          className="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          aria-controls="sub-workspaces"
          aria-activedescendant={members.length > 0 ? `row-${highlighted}` : undefined}
        />
        {agencyNames && (
          <label className="check muted">
            <span className="sr-only">Agency</span>
            <select value={agency} onChange={(event) => setAgency(event.target.value)}>
              <option value="">All agencies</option>
              {[...agencyNames].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="check muted nowrap">
          <input
            type="checkbox"
            checked={thisTabOnly}
            onChange={(event) => setThisTabOnly(event.target.checked)}
            disabled={tabId === undefined}
          />
          This tab only
        </label>
      </div>
      <p className="muted summary">
        {head.total} sub workspaces · {head.counts.accepted} accepted · {head.counts.pending} pending ·{' '}
        {head.counts.rejected} rejected
        {deferredQuery && (complete ? ` · ${members.length} shown` : ' · searching the whole list…')}
      </p>
      {head.counts.accepted > 0 && <GlanceBar run={glanceRun} attentionFirst={attentionFirst} failed={failed} />}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <WorkspaceList
        members={members}
        checking={checking}
        highlighted={highlighted}
        scrollRequest={scrollRequest}
        actingAsId={actingAsId}
        canRemove={canRemove}
        glances={glances}
        looks={looks}
        onActAs={actAs}
        onRemove={setRemoving}
        onFavourite={(member, on) => onLook(member, { favourite: on })}
        onEdit={setEditing}
        agencyOf={agencyNames ? (member) => agencyOf(member, accounts, agencyNames) : undefined}
      />
      {editing && (
        <EditLookDialog
          name={displayName(editing)}
          workspaceId={editing.workspaceId}
          look={lookOf(looks, editing.workspaceId)}
          onCancel={() => setEditing(null)}
          onSave={(change) => {
            onLook(editing, change);
            setEditing(null);
          }}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${displayName(removing)}?`}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            onRemove(removing);
            setRemoving(null);
          }}
        >
          Removal is immediate and needs no consent from the sub workspace.
        </ConfirmDialog>
      )}
    </>
  );
}
