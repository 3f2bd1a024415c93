import { useState } from 'react';
import { useUi } from '@/lib/pages/ui-store';
import { BUILT_IN_ORIGINS, patternFor } from '@/lib/common/sites/host-permissions';
import { ask } from '@/lib/common/messages';
import { browserPermissions } from '@/lib/common/sites/permissions';
import { ExportAnswer, ImportAnswer } from '@/lib/pages/settings-answers';
import {
  MAX_SETTINGS_FILE_BYTES,
  NOT_A_SETTINGS_FILE,
  settingsFileName,
  tooLarge,
  type ImportReport,
} from '@/lib/common/settings-file';
import { isUnstructuredOwn, normaliseApiUrl } from '@/lib/common/sites/unstructured-url';
import { Alert } from '../Alert';
import { useRequest } from '../use-request';

/** Saves a file (the options page is a page: an <a download> is all it takes). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Revoked later, not at once: some browsers start reading the blob only after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Moving settings to another browser: export a file without any key, import one (merged into
 * what is here), then do what only the user can: allow sites, paste keys.
 */
export function MoveSettings() {
  const { accounts, unstructuredWorkspaces, unstructuredSites } = useUi();
  const optIn = useRequest();
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  // The parsed file, imported once more after the user allowed its sites (an import is idempotent).
  const [imported, setImported] = useState<unknown>(null);

  async function exportNow() {
    setError(null);
    const answer = await ask({ type: 'exportSettings' }, ExportAnswer);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    download(settingsFileName(), `${JSON.stringify(answer.file, null, 2)}\n`);
  }

  async function importFrom(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    // Cleared, so choosing the same file again is a change too.
    input.value = '';
    if (!chosen) return;
    setError(null);
    // Refused before it is read: a file this large is not a settings file, and reading it would cost the page.
    if (chosen.size > MAX_SETTINGS_FILE_BYTES) {
      setReport(null);
      setError(tooLarge(chosen.size));
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(await chosen.text());
    } catch {
      setReport(null);
      setError(NOT_A_SETTINGS_FILE);
      return;
    }
    const answer = await ask({ type: 'importSettings', file: json }, ImportAnswer);
    if (!answer.ok) {
      setReport(null);
      setError(answer.error);
      return;
    }
    setImported(json);
    setReport(answer.report);
  }

  // A permission prompt needs a click of the user's (a file input's change event may not count).
  async function allowSites(sites: string[]) {
    setError(null);
    const granted = await browserPermissions.request({ origins: sites.map(patternFor) }).catch(() => false);
    if (!granted) {
      setError(
        'The browser did not allow those sites, so they were left out. You can allow them later from the popup.',
      );
      return;
    }
    const answer = await ask({ type: 'importSettings', file: imported }, ImportAnswer);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setReport((before) => ({
      ...answer.report,
      added: [...(before?.added ?? []), ...sites.map((site) => `${site} as an allowed site.`), ...answer.report.added],
      skipped: before?.skipped ?? answer.report.skipped,
      unchanged: before?.unchanged ?? answer.report.unchanged,
    }));
  }

  async function allowNotifications() {
    const granted = await browserPermissions.request({ permissions: ['notifications'] }).catch(() => false);
    if (!granted) {
      setError('The browser did not allow notifications; news still shows in the popup.');
      return;
    }
    setReport(
      (before) =>
        before && {
          ...before,
          notifications: false,
          added: [...before.added, 'Notifications of accepted invitations.'],
        },
    );
  }

  // Keys the user has pasted since are no longer asked for.
  const connected = new Set(accounts.map((a) => a.workspaceId));
  const toConnect = (report?.instantlyToConnect ?? []).filter((w) => !connected.has(w.workspaceId));
  const toAdd = (report?.unstructuredToAdd ?? []).filter(
    (w) => !unstructuredWorkspaces.some((u) => u.name.toLowerCase() === w.name.toLowerCase()),
  );

  return (
    <section className="card" aria-labelledby="move-heading">
      <h2 id="move-heading">Move your settings</h2>
      <p className="muted">
        The file holds your connected workspaces’ names, labels, badge colours, favourites, allowed sites, Unstructured
        workspaces’ names and API URLs, and preferences. It never holds an API key: you paste those again.
      </p>
      <div className="inline-form">
        <button type="button" onClick={() => void exportNow()}>
          Export settings
        </button>
        <label htmlFor="import-settings" className="file-label">
          Import settings
        </label>
        <input
          id="import-settings"
          type="file"
          accept="application/json,.json"
          onChange={(event) => void importFrom(event.currentTarget)}
        />
      </div>
      {error && <Alert message={error} onDismiss={() => setError(null)} />}
      {report && (
        <div role="status" className="field">
          <p>
            Imported: {report.added.length} added, {report.skipped.length} skipped, {report.unchanged} already the same
            here.
          </p>
          {report.added.length > 0 && (
            <ul aria-label="Added" className="plain">
              {report.added.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          {report.skipped.length > 0 && (
            <ul aria-label="Skipped" className="plain">
              {report.skipped.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {report && report.sitesToAllow.length > 0 && (
        <p className="inline-form">
          <span className="grow">The browser must allow {report.sitesToAllow.join(', ')} again.</span>
          <button type="button" className="primary" onClick={() => void allowSites(report.sitesToAllow)}>
            Allow {report.sitesToAllow.length} {report.sitesToAllow.length === 1 ? 'site' : 'sites'}
          </button>
        </p>
      )}
      {report?.notifications && (
        <p className="inline-form">
          <span className="grow">You had notifications of accepted invitations on.</span>
          <button type="button" onClick={() => void allowNotifications()}>
            Allow notifications
          </button>
        </p>
      )}
      {report && report.unstructuredSitesToConfirm.length > 0 && (
        <div className="field">
          <p>
            The file sent the Unstructured key from these sites. Nothing was ticked for you: tick each site you trust
            with the key (any script on it can then make Unstructured API calls with it).
          </p>
          <ul role="list" aria-label="Unstructured key sites to confirm" className="plain">
            {report.unstructuredSitesToConfirm.map((origin) => (
              <li key={origin}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={unstructuredSites.includes(origin)}
                    onChange={(event) =>
                      void optIn.run({ type: 'setUnstructuredSite', origin, on: event.currentTarget.checked })
                    }
                  />
                  Confirm sending the Unstructured key from {origin}
                </label>
              </li>
            ))}
          </ul>
          {optIn.error && <Alert message={optIn.error} onDismiss={() => optIn.setError(null)} />}
        </div>
      )}
      {toConnect.map((w) => (
        <p key={w.workspaceId}>
          Paste the API key for {w.workspaceName} in “Instantly API key” above (it is added to the workspaces connected
          here).
        </p>
      ))}
      {toAdd.map((w) => (
        <ImportedUnstructured key={w.name} name={w.name} apiBase={w.apiBase} />
      ))}
    </section>
  );
}

/**
 * An imported Unstructured workspace, waiting for its key. The file chose its API URL: the URL is
 * shown, a host that is not Unstructured's own is said plainly, and nothing is sent there until
 * the user ticks that host.
 */
function ImportedUnstructured({ name, apiBase }: { name: string; apiBase: string }) {
  const [key, setKey] = useState('');
  const [remember, setRemember] = useState(false);
  const [trusted, setTrusted] = useState(false);
  const request = useRequest();
  const api = normaliseApiUrl(apiBase);
  const foreign = !api || !isUnstructuredOwn(api);

  async function add(event: React.SubmitEvent) {
    event.preventDefault();
    if (!api) {
      request.setError(
        `The file gives ${name} the API URL ${apiBase}, which is not an https:// address. Nothing was sent.`,
      );
      return;
    }
    if (foreign && !trusted) {
      request.setError(
        `Tick “Send the key of ${name} to ${api.origin}” first, if you trust that server. Nothing was sent.`,
      );
      return;
    }
    // An account's own API host needs the user's permission before the key can be checked there.
    const custom = !BUILT_IN_ORIGINS.includes(api.origin) ? patternFor(api.origin) : null;
    const alreadyGranted = custom ? await browserPermissions.contains({ origins: [custom] }).catch(() => false) : true;
    if (custom && !alreadyGranted && !(await browserPermissions.request({ origins: [custom] }).catch(() => false))) {
      request.setError(
        `The extension needs your permission to reach ${api.origin} to check the key. Nothing was sent.`,
      );
      return;
    }
    // Granted only for this add: the background takes it back if the add fails.
    await request.run({
      type: 'addUnstructured',
      name,
      key,
      apiUrl: apiBase,
      remember,
      takeBackPermission: !!custom && !alreadyGranted,
    });
  }

  const keyId = `imported-key-${name}`;
  return (
    <form onSubmit={(event) => void add(event)} className="field">
      <p>Add the key for {name}</p>
      <p>
        The file says {name}’s API is at <code>{apiBase}</code>: the key is checked there and sent to it.
      </p>
      {foreign && (
        <p className="warning">
          <strong>Warning:</strong> {api ? api.host : apiBase} is not Unstructured’s own server (*.unstructuredapp.io).
          Whoever runs it gets the key you paste here. Add the key only if this is your account’s own API server, for
          instance one your company runs.
        </p>
      )}
      <label htmlFor={keyId}>Unstructured API key for {name}</label>
      <input
        id={keyId}
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={key}
        onChange={(event) => setKey(event.target.value)}
      />
      {foreign && api && (
        <label className="check">
          <input type="checkbox" checked={trusted} onChange={(event) => setTrusted(event.target.checked)} />
          Send the key of {name} to {api.origin}
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} />
        Remember the key of {name} on this device
      </label>
      <div className="inline-form">
        <button type="submit" disabled={request.busy}>
          Add {name}
        </button>
      </div>
      {request.error && <Alert message={request.error} onDismiss={() => request.setError(null)} />}
    </form>
  );
}
