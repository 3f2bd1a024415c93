// What the user made of each workspace (a label, a badge colour, a favourite), resolved when
// shown, so a label changed later shows at once in the popup, the badge, the menu and the cycle.
import type { WorkspaceLook, WorkspaceLooks } from './model';

const NONE: WorkspaceLook = {};

/** Looks are kept by WorkspaceId (parsed, so in the one case every stored id has). */
export function lookOf(looks: WorkspaceLooks, workspaceId: string): WorkspaceLook {
  return looks[workspaceId] ?? NONE;
}

/** "Label (Name)" where the user gave a label, so the workspace's own name is never lost. */
export function nameWithLabel(looks: WorkspaceLooks, workspaceId: string, name: string): string {
  const { label } = lookOf(looks, workspaceId);
  return label && label !== name ? `${label} (${name})` : name;
}

/** Ids of the favourites. */
export function favouriteIds(looks: WorkspaceLooks): Set<string> {
  const ids = new Set<string>();
  for (const [id, look] of Object.entries(looks)) if (look.favourite) ids.add(id);
  return ids;
}

/** Favourites first, each part in its own order; the same array when there are none (a 10,000-row list is not copied). */
export function favouritesFirst<T>(items: T[], looks: WorkspaceLooks, idOf: (item: T) => string): T[] {
  const favourites = favouriteIds(looks);
  if (favourites.size === 0) return items;
  const isFavourite = (item: T) => favourites.has(idOf(item));
  const first = items.filter(isFavourite);
  return first.length === 0 ? items : [...first, ...items.filter((item) => !isFavourite(item))];
}

/** A stable, readable colour from the id: hue from a hash, saturation/lightness fixed so white text reads. */
export function hashColor(workspaceId: string): string {
  let hash = 2166136261;
  for (const ch of workspaceId) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619);
  const hue = (hash >>> 0) % 360;
  return hslToHex(hue, 0.65, 0.38);
}

function hslToHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const value = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** The badge colour: the user's pick, else the workspace's own hashed colour. */
export const badgeColorOf = (looks: WorkspaceLooks, workspaceId: string) =>
  lookOf(looks, workspaceId).color ?? hashColor(workspaceId);
