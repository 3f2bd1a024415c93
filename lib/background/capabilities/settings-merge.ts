// Merging an imported settings file into what this browser has, as a pure function: what is
// here is kept, what is new is added, and every difference is said in a sentence.
import type { WorkspaceLook, WorkspaceLooks } from '../../common/model';
import { emptyImportReport, type ImportReport, type SettingsFile } from '../../common/settings-file';

/** What this browser has, as far as an import is concerned. */
export interface Present {
  looks: WorkspaceLooks;
  /** Names of the workspaces known here, by lower-case id (for the report's sentences). */
  names: ReadonlyMap<string, string>;
  /** The Instantly workspaces connected here. */
  connected: { workspaceId: string }[];
  unstructured: { name: string; apiBase: string }[];
  unstructuredSites: string[];
  /** Sites this browser allows now. */
  granted: string[];
  notifications: boolean;
  attentionFirst: boolean;
}

export interface Merged {
  looks: WorkspaceLooks;
  attentionFirst: boolean;
  report: ImportReport;
}

const unique = <T>(list: T[]) => [...new Set(list)];

export function mergeSettings(present: Present, file: SettingsFile): Merged {
  const report = emptyImportReport();
  const looks: WorkspaceLooks = { ...present.looks };
  for (const [id, { name: fileName, ...theirs }] of Object.entries(file.looks)) {
    const name = present.names.get(id) ?? fileName ?? id;
    const ours: WorkspaceLook = looks[id] ?? {};
    const next: WorkspaceLook = { ...ours };
    if (theirs.label !== undefined) {
      if (ours.label === undefined) {
        next.label = theirs.label;
        report.added.push(`The label “${theirs.label}” for ${name}.`);
      } else if (ours.label === theirs.label) report.unchanged++;
      else
        report.skipped.push(
          `The label “${theirs.label}” for ${name}: it is already labelled “${ours.label}” here, which was kept.`,
        );
    }
    if (theirs.color !== undefined) {
      if (ours.color === undefined) {
        next.color = theirs.color;
        report.added.push(`The badge colour ${theirs.color} for ${name}.`);
      } else if (ours.color === theirs.color) report.unchanged++;
      else
        report.skipped.push(
          `The badge colour ${theirs.color} for ${name}: it already has ${ours.color} here, which was kept.`,
        );
    }
    if (theirs.favourite) {
      if (ours.favourite) report.unchanged++;
      else {
        next.favourite = true;
        report.added.push(`${name} as a favourite.`);
      }
    }
    if (Object.keys(next).length > 0) looks[id] = next;
  }

  // A site is allowed by the browser's host permission, not by a stored list (a rule changes a
  // page's request only with it, docs/browsers.md#host-permissions): a file can only ask for it.
  const granted = new Set(present.granted);
  for (const origin of unique(file.allowedSites)) {
    if (granted.has(origin)) report.unchanged++;
    else report.sitesToAllow.push(origin);
  }
  // The Unstructured key is a credential: a file only lists where it went, and the user ticks
  // each site (an allowed one; one not allowed yet is listed once the import runs again after the
  // user allowed it).
  for (const origin of unique(file.unstructuredSites)) {
    if (present.unstructuredSites.includes(origin)) report.unchanged++;
    else if (granted.has(origin)) report.unstructuredSitesToConfirm.push(origin);
    else if (!file.allowedSites.includes(origin)) report.sitesToAllow.push(origin);
  }

  const connected = new Set(present.connected.map((a) => a.workspaceId));
  for (const workspace of file.instantly) {
    if (connected.has(workspace.workspaceId)) report.unchanged++;
    else report.instantlyToConnect.push({ workspaceId: workspace.workspaceId, workspaceName: workspace.workspaceName });
  }

  for (const workspace of file.unstructured) {
    const same = present.unstructured.find((w) => w.name.toLowerCase() === workspace.name.toLowerCase());
    if (!same) report.unstructuredToAdd.push(workspace);
    else if (same.apiBase === workspace.apiBase) report.unchanged++;
    else
      report.skipped.push(
        `The Unstructured workspace ${workspace.name} at ${workspace.apiBase}: there is already one called ${same.name} here (at ${same.apiBase}), which was kept.`,
      );
  }

  if (file.preferences.notifications) {
    if (present.notifications) report.unchanged++;
    else report.notifications = true;
  }
  let attentionFirst = present.attentionFirst;
  if (file.preferences.attentionFirst) {
    if (attentionFirst) report.unchanged++;
    else {
      attentionFirst = true;
      report.added.push('“Needs attention first” in the popup.');
    }
  }
  report.unstructuredSitesToConfirm.sort();
  return { looks, attentionFirst, report };
}
