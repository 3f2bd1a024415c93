// Export and import of the settings file (lib/common/settings-file.ts). The export is built from the
// stored items that hold no secret; keys (lib/background/worker/secrets.ts) are never read here.
import { grantedOrigins } from './allowed-sites';
import { exclusive } from '../worker/queue';
import { reconcile } from '../projection/reconcile';
import { onRequest } from '../worker/message-router';
import { mergeSettings } from './settings-merge';
import { writeLooks } from './workspace-looks';
import { displayName, type Account, type Member } from '../../common/model';
import { browserPermissions, type PermissionsApi } from '../../common/sites/permissions';
import {
  MAX_SETTINGS_FILE_BYTES,
  refusalOf,
  SETTINGS_FORMAT,
  SETTINGS_VERSION,
  SettingsFile,
  tooLarge,
  type ExportAnswer,
  type ImportAnswer,
} from '../../common/settings-file';
import {
  accounts,
  allowedSites,
  attentionFirst,
  group,
  unstructuredSites,
  unstructuredWorkspaces,
  workspaceLooks,
} from '../../common/storage';

const NOTIFICATIONS = { permissions: ['notifications'] };

/** Names of the workspaces known here, by id. */
function namesOf(connected: Account[], members: Member[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of members) names.set(m.workspaceId, displayName(m));
  for (const current of connected) names.set(current.workspaceId, current.workspaceName);
  return names;
}

export async function buildSettingsFile(
  permissions: PermissionsApi = browserPermissions,
  now = new Date(),
): Promise<SettingsFile> {
  const [current, { members }, looks, sites, keySites, unstructured, attention, notifications] = await Promise.all([
    accounts.get(),
    group.get(),
    workspaceLooks.get(),
    allowedSites.get(),
    unstructuredSites.get(),
    unstructuredWorkspaces.get(),
    attentionFirst.get(),
    permissions.contains(NOTIFICATIONS).catch(() => false),
  ]);
  const names = namesOf(current, members);
  return {
    format: SETTINGS_FORMAT,
    version: SETTINGS_VERSION,
    exportedAt: now.toISOString(),
    instantly: current.map((a) => ({ workspaceId: a.workspaceId, workspaceName: a.workspaceName })),
    looks: Object.fromEntries(
      Object.entries(looks).map(([id, look]) => {
        const name = names.get(id);
        return [id, name ? { ...look, name } : look];
      }),
    ),
    allowedSites: sites,
    unstructuredSites: keySites.filter((origin) => sites.includes(origin)),
    // Name and API URL only: not the key, nor its last characters.
    unstructured: unstructured.map((w) => ({ name: w.name, apiBase: w.apiBase })),
    preferences: { notifications, attentionFirst: attention },
  };
}

export async function exportSettings(permissions: PermissionsApi = browserPermissions): Promise<ExportAnswer> {
  // Checked like an import would check it, so what is exported can always be imported.
  const parsed = SettingsFile.safeParse(await buildSettingsFile(permissions));
  if (!parsed.success)
    return {
      ok: false,
      error: 'The settings could not be exported: some stored setting is damaged. Please report this.',
    };
  return { ok: true, file: parsed.data };
}

/**
 * Merges a file into this browser's settings: a malformed or foreign file changes nothing. Run
 * again after the user allowed the file's sites, it adds what needed them (it is idempotent).
 */
export async function importSettings(
  raw: unknown,
  permissions: PermissionsApi = browserPermissions,
): Promise<ImportAnswer> {
  // The page refuses a larger file before reading it; checked here too, before the schema walks it.
  const bytes = JSON.stringify(raw ?? null).length;
  if (bytes > MAX_SETTINGS_FILE_BYTES) return { ok: false, error: tooLarge(bytes) };
  const parsed = SettingsFile.safeParse(raw);
  if (!parsed.success) return { ok: false, error: refusalOf(raw) };
  const [granted, notifications] = await Promise.all([
    grantedOrigins(permissions),
    permissions.contains(NOTIFICATIONS).catch(() => false),
  ]);
  const report = await exclusive(async () => {
    const [looks, current, { members }, unstructured, keySites, attention] = await Promise.all([
      workspaceLooks.get(),
      accounts.get(),
      group.get(),
      unstructuredWorkspaces.get(),
      unstructuredSites.get(),
      attentionFirst.get(),
    ]);
    const merged = mergeSettings(
      {
        looks,
        names: namesOf(current, members),
        connected: current,
        unstructured,
        unstructuredSites: keySites,
        granted,
        notifications,
        attentionFirst: attention,
      },
      parsed.data,
    );
    await writeLooks(looks, merged.looks);
    if (merged.attentionFirst !== attention) await attentionFirst.set(merged.attentionFirst);
    return merged.report;
  });
  // Labels, colours and favourites show in the badge and the menu.
  await reconcile();
  return { ok: true, report };
}

export function setUpSettingsTransfer(): void {
  onRequest('exportSettings', () => exportSettings());
  onRequest('importSettings', (r) => importSettings(r.file));
}
