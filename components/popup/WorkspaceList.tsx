import { useEffect } from 'react';
import { displayName, type Glances, type Member, type WorkspaceLooks } from '@/lib/common/model';
import { lookOf } from '@/lib/common/workspace-looks';
import { CopyButton } from '../CopyButton';
import { GlanceLine } from './GlanceLine';
import { useVirtualList } from './use-virtual-list';

/** Three lines: name and status, id and date, the glance's figures. */
export const ROW_HEIGHT = 76;
/** The list's visible height (.scroller in style.css). */
const VIEWPORT = 360;

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const formatDate = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
};

export interface WorkspaceListProps {
  members: Member[];
  /** Membership ids whose removal got no usable answer: their rows say they are being checked. */
  checking?: ReadonlySet<string>;
  /** Index of the row the keyboard is on. */
  highlighted: number;
  /** Bumped to scroll the highlighted row into view again (e.g. a new invitation's row). */
  scrollRequest?: number;
  actingAsId: string | null;
  canRemove: boolean;
  /** The glance's figures by workspace id (accepted rows only ever have some). */
  glances: Glances;
  /** The user's labels, colours and favourites. */
  looks: WorkspaceLooks;
  onActAs: (member: Member) => void;
  onRemove: (member: Member) => void;
  onFavourite: (member: Member, on: boolean) => void;
  onEdit: (member: Member) => void;
  /** With several agencies: the one a row is in, named on it. */
  agencyOf?: (member: Member) => string | undefined;
}

/**
 * Virtualised: only the rows in view are in the DOM, so thousands of workspaces stay instant.
 * Each row says its position (aria-posinset/setsize) so a screen reader still knows the whole.
 */
export function WorkspaceList({
  members,
  checking,
  highlighted,
  scrollRequest,
  actingAsId,
  canRemove,
  glances,
  looks,
  onActAs,
  onRemove,
  onFavourite,
  onEdit,
  agencyOf,
}: WorkspaceListProps) {
  const { scroller, first, last, totalHeight, reveal } = useVirtualList(members.length, ROW_HEIGHT, VIEWPORT);
  useEffect(() => {
    if (highlighted >= 0) reveal(highlighted);
  }, [highlighted, reveal, scrollRequest]);

  return (
    <div ref={scroller} className="scroller">
      <ul id="sub-workspaces" role="list" aria-label="Sub workspaces" className="rows" style={{ height: totalHeight }}>
        {members.slice(first, last).map((member, offset) => {
          const index = first + offset;
          const name = displayName(member);
          // Of several memberships of one workspace (rejected, then invited again), the accepted one is acted as.
          const acting = member.workspaceId === actingAsId && member.status === 'accepted';
          const figures = member.status === 'accepted' ? glances[member.workspaceId] : undefined;
          const look = lookOf(looks, member.workspaceId);
          const agency = agencyOf?.(member);
          return (
            <li
              key={member.membershipId}
              id={`row-${index}`}
              aria-posinset={index + 1}
              aria-setsize={members.length}
              aria-current={acting ? 'true' : undefined}
              className={`row${index === highlighted ? ' highlighted' : ''}${acting ? ' acting' : ''}`}
              style={{ transform: `translateY(${index * ROW_HEIGHT}px)`, height: ROW_HEIGHT }}
            >
              <div className="row-main">
                <div className="row-title">
                  {look.color && <span className="swatch" style={{ background: look.color }} aria-hidden="true" />}
                  <span className={look.label ? 'name labelled' : 'name'} title={name}>
                    {look.label ?? name}
                  </span>
                  {look.label && (
                    <span className="muted own-name" title={name}>
                      {name}
                    </span>
                  )}
                  {agency && <span className="muted agency">· {agency}</span>}
                  <span className={`chip ${member.status}`}>{member.status}</span>
                  {acting && <span className="chip acting-chip">acting as</span>}
                  {checking?.has(member.membershipId) && (
                    <span
                      className="chip checking"
                      title="Its removal got no answer: the next refresh checks whether it went through."
                    >
                      checking…
                    </span>
                  )}
                </div>
                <div className="row-meta">
                  <code title={member.workspaceId}>{member.workspaceId}</code>
                  <CopyButton text={member.workspaceId} label={`Copy ID of ${name}`} />
                  <span>added {formatDate(member.addedAt)}</span>
                </div>
              </div>
              <div className="row-actions">
                <button
                  type="button"
                  className={`icon star${look.favourite ? ' on' : ''}`}
                  aria-pressed={!!look.favourite}
                  aria-label={`Favourite ${name}`}
                  onClick={() => onFavourite(member, !look.favourite)}
                >
                  {look.favourite ? '★' : '☆'}
                </button>
                <button type="button" className="icon" aria-label={`Edit ${name}`} onClick={() => onEdit(member)}>
                  ✎
                </button>
                {member.status === 'accepted' && !acting && (
                  <button
                    type="button"
                    className="primary"
                    aria-label={`Act as ${name}`}
                    onClick={() => onActAs(member)}
                  >
                    Act as
                  </button>
                )}
                {canRemove && (
                  <button
                    type="button"
                    className="icon danger"
                    aria-label={`Remove ${name}`}
                    onClick={() => onRemove(member)}
                  >
                    ✕
                  </button>
                )}
              </div>
              {figures && <GlanceLine name={name} figures={figures} popoverId={`glance-${member.membershipId}`} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
