import { useEffect } from 'react';
import { displayName, type Glances, type Member, type WorkspaceLooks } from '@/lib/common/model';
import { lookOf } from '@/lib/common/workspace-looks';
import { CopyButton } from '../CopyButton';
import { GlanceLine } from './GlanceLine';
import { useVirtualList } from './use-virtual-list';

/**
 * One line per row: name (and label), agency, status, the glance's marks, star and Act as. The
 * id, date, copy and edit are behind the row's Details button (a popover): ten rows fit at 800 × 600.
 */
export const ROW_HEIGHT = 36;
/** The list's tallest height (.scroller in style.css): rows beyond it are not rendered. */
const VIEWPORT = 432;

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
          const detailsId = `details-${member.membershipId}`;
          return (
            <li
              key={member.membershipId}
              id={`row-${index}`}
              aria-posinset={index + 1}
              aria-setsize={members.length}
              aria-current={acting ? 'true' : undefined}
              className={`row${index === highlighted ? ' highlighted' : ''}${acting ? ' acting' : ''}`}
              style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
            >
              {look.color && <span className="swatch" style={{ background: look.color }} aria-hidden="true" />}
              <span className={look.label ? 'name labelled' : 'name'} title={`${name} · ${member.workspaceId}`}>
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
              <span className="grow" />
              {figures && <GlanceLine name={name} figures={figures} popoverId={`glance-${member.membershipId}`} />}
              <button
                type="button"
                className={`icon star${look.favourite ? ' on' : ''}`}
                aria-pressed={!!look.favourite}
                aria-label={`Favourite ${name}`}
                onClick={() => onFavourite(member, !look.favourite)}
              >
                {look.favourite ? '★' : '☆'}
              </button>
              {member.status === 'accepted' && !acting && (
                <button
                  type="button"
                  className="primary act"
                  aria-label={`Act as ${name}`}
                  onClick={() => onActAs(member)}
                >
                  Act as
                </button>
              )}
              <button type="button" className="icon" aria-label={`Details of ${name}`} popoverTarget={detailsId}>
                ⋯
              </button>
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
              {/* Out of the row's line (the top layer), yet in its text: a search by id still finds the row. */}
              <div popover="auto" id={detailsId} className="row-details">
                <strong>{name}</strong>
                <div className="row-meta">
                  <code>{member.workspaceId}</code>
                  <CopyButton text={member.workspaceId} label={`Copy ID of ${name}`} />
                </div>
                <p className="muted">added {formatDate(member.addedAt)}</p>
                <div className="dialog-buttons">
                  <button
                    type="button"
                    aria-label={`Edit ${name}`}
                    popoverTarget={detailsId}
                    popoverTargetAction="hide"
                    onClick={() => onEdit(member)}
                  >
                    Edit
                  </button>
                  <button type="button" popoverTarget={detailsId} popoverTargetAction="hide">
                    Close
                  </button>
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
