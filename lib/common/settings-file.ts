// The settings file that moves a user's setup to another browser: what it holds, and what the
// background answers to an export or an import. It never holds a key of any kind, nor a hint of
// one (the Unstructured keys' last characters stay behind too): keys are pasted again.
import { z } from 'zod/mini';
import { Origin, WorkspaceLook } from './model';
import { WorkspaceId } from './workspace-id';

export const SETTINGS_FORMAT = 'workspace-switcher-settings';
export const SETTINGS_VERSION = 1;

const Name = z.string().check(z.refine((text) => text.length >= 1 && text.length <= 200));
/**
 * Far more than anyone has, few enough that a foreign file cannot make the import crawl. What an
 * import stores is bounded by the file's size (MAX_SETTINGS_FILE_BYTES) first.
 */
const MANY = 10_000;

/**
 * A settings file is refused above this size, before it is parsed: the browser keeps all of the
 * extension's settings in 10 MB (storage.local's quota), and an export of hundreds of workspaces
 * with labels is a few tens of kB.
 */
export const MAX_SETTINGS_FILE_BYTES = 1_000_000;

/** Why a file too large to be a settings file was refused, as a sentence. */
export function tooLarge(bytes: number): string {
  const size = bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} kB`;
  return `That file is ${size}: a Workspace Switcher settings file is at most 1 MB (the browser keeps all the extension’s settings in 10 MB), so it was not read. Nothing was changed.`;
}

export const SettingsFile = z.object({
  format: z.literal(SETTINGS_FORMAT),
  version: z.literal(SETTINGS_VERSION),
  exportedAt: z.string(),
  /** The connected Instantly workspaces (their keys are pasted again on the new browser). */
  instantly: z
    .array(z.object({ workspaceId: WorkspaceId, workspaceName: Name }))
    .check(z.refine((list) => list.length <= 100)),
  /** By workspace id, with the workspace's name when it was known, for the import's report. */
  looks: z
    .record(WorkspaceId, z.object({ ...WorkspaceLook.shape, name: z.optional(Name) }))
    .check(z.refine((looks) => Object.keys(looks).length <= MANY)),
  /** Sites beyond Instantly's own whose requests go out as the chosen workspace. */
  allowedSites: z.array(Origin).check(z.refine((list) => list.length <= 1000)),
  /** Of those, the ones that also get the Unstructured key. */
  unstructuredSites: z.array(Origin).check(z.refine((list) => list.length <= 1000)),
  unstructured: z
    .array(z.object({ name: Name, apiBase: z.string().check(z.refine((text) => text.length <= 500)) }))
    .check(z.refine((list) => list.length <= 1000)),
  preferences: z.object({
    /** System notifications of accepted invitations (a browser permission, asked for again). */
    notifications: z.boolean(),
    /** The popup's "Needs attention first" order. */
    attentionFirst: z.optional(z.boolean()),
  }),
});
export type SettingsFile = z.infer<typeof SettingsFile>;

/**
 * What an import did, and what it could not do without the user. (Its schema, which only the
 * settings page needs, is in lib/pages/settings-answers.ts: the worker's bundle stays small.)
 */
export interface ImportReport {
  /** One sentence per thing added. */
  added: string[];
  /** One sentence per thing left as it was here, saying why. */
  skipped: string[];
  /** How many things in the file were already here, the same. */
  unchanged: number;
  /** Sites the browser must be asked to allow (only a click on the page can ask). */
  sitesToAllow: string[];
  /**
   * Sites allowed here that the file sends the Unstructured key from, and that do not get it
   * here: never opted in by the import (a credential's scope widens only by the user's own tick).
   */
  unstructuredSitesToConfirm: string[];
  /** The file asks for notifications and this browser has not allowed them. */
  notifications: boolean;
  /** Unstructured workspaces to add: they need their key. */
  unstructuredToAdd: { name: string; apiBase: string }[];
  /** Instantly workspaces to connect: they need their key. */
  instantlyToConnect: { workspaceId: string; workspaceName: string }[];
}

/** A report of an import that changed nothing yet: the merge fills it in. */
export function emptyImportReport(): ImportReport {
  return {
    added: [],
    skipped: [],
    unchanged: 0,
    sitesToAllow: [],
    unstructuredSitesToConfirm: [],
    notifications: false,
    unstructuredToAdd: [],
    instantlyToConnect: [],
  };
}

export type ExportAnswer = { ok: true; file: SettingsFile } | { ok: false; error: string };
export type ImportAnswer = { ok: true; report: ImportReport } | { ok: false; error: string };

export const NOT_A_SETTINGS_FILE =
  'That file is not a Workspace Switcher settings file, or it is damaged. Nothing was changed.';

/** Why a file was refused, as a sentence. */
export function refusalOf(raw: unknown): string {
  const head = z.object({ format: z.literal(SETTINGS_FORMAT), version: z.number() }).safeParse(raw);
  if (head.success && head.data.version > SETTINGS_VERSION)
    return `That settings file comes from a newer version of Workspace Switcher (file version ${head.data.version}). Update the extension, then import it. Nothing was changed.`;
  return NOT_A_SETTINGS_FILE;
}

/** workspace-switcher-settings-YYYY-MM-DD.json, in the user's own calendar day. */
export function settingsFileName(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `workspace-switcher-settings-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
