// Composition root: wires browser events to lib/. No logic lives here.
import { browser } from 'wxt/browser';
import { actAs, forgetTab, repaintTab } from '@/lib/background/act-as';
import { setUnstructuredSite, syncAllowedSites } from '@/lib/background/allowed-sites';
import { forgetKey, saveKey } from '@/lib/background/connect';
import { onMenuClick } from '@/lib/background/context-menu-click';
import { cycle, directionOf } from '@/lib/background/cycle-shortcut';
import { invite, leave, remove } from '@/lib/background/group-actions';
import { syncGroup } from '@/lib/background/group-sync';
import { handleRequests } from '@/lib/shared/messages';
import { reconcile } from '@/lib/background/reconcile';
import { REFRESH_ALARM } from '@/lib/background/refresh-alarm';
import { afterStartUp, startUp } from '@/lib/background/startup';
import { dismissNotice } from '@/lib/background/notices';
import { addUnstructured, deleteUnstructured, useUnstructured } from '@/lib/background/unstructured-workspaces';

export default defineBackground(() => {
  // Every listener below waits for this: a wake-up and a cold start take the same path.
  const ready = startUp();
  void ready.then(afterStartUp).catch(() => undefined);
  const when = <T>(work: () => Promise<T>) => void ready.then(work).catch(() => undefined);

  handleRequests(
    {
      saveKey: (r) => saveKey(r.key, r.remember),
      forgetKey: () => forgetKey(),
      refresh: () => syncGroup(),
      actAs: (r) => actAs(r.workspaceId, r.tabId),
      followEverywhere: (r) => forgetTab(r.tabId),
      invite: (r) => invite(r.workspaceId),
      remove: (r) => remove(r.membershipId),
      leave: () => leave(),
      dismissNotice: (r) => dismissNotice(r.id),
      addUnstructured: (r) => addUnstructured(r),
      useUnstructured: (r) => useUnstructured(r.id),
      deleteUnstructured: (r) => deleteUnstructured(r.id),
      setUnstructuredSite: (r) => setUnstructuredSite(r.origin, r.on),
    },
    ready,
  );

  browser.runtime.onInstalled.addListener(() => when(() => syncGroup()));
  browser.runtime.onStartup.addListener(() => when(() => syncGroup()));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) when(() => syncGroup());
  });

  browser.commands.onCommand.addListener((command) => {
    const direction = directionOf(command);
    if (direction) when(() => cycle(direction));
  });
  browser.contextMenus.onClicked.addListener((info, tab) => when(() => onMenuClick(info.menuItemId, tab?.id)));

  browser.tabs.onRemoved.addListener((tabId) => when(() => forgetTab(tabId)));
  // The "In this tab only" checks show the active tab's choice (of the focused window).
  browser.tabs.onActivated.addListener(() => when(() => reconcile()));
  browser.windows.onFocusChanged.addListener(() => when(() => reconcile()));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') when(() => repaintTab(tabId));
  });

  browser.permissions.onAdded.addListener(() => when(() => syncAllowedSites()));
  browser.permissions.onRemoved.addListener(() => when(() => syncAllowedSites()));
});
