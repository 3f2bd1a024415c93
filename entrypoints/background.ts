// Composition root: wires browser events to lib/. No logic lives here.
import { actAs, forgetTab } from '@/lib/act-as';
import { forgetKey, saveKey } from '@/lib/connect';
import { invite, leave, remove } from '@/lib/group-actions';
import { syncGroup } from '@/lib/group-sync';
import { handleRequests } from '@/lib/messages';
import { done } from '@/lib/result';
import { REFRESH_ALARM, startUp } from '@/lib/startup';
import { notice } from '@/lib/storage';
import { browser } from 'wxt/browser';

export default defineBackground(() => {
  const ready = startUp();

  handleRequests(
    {
      saveKey: (r) => saveKey(r.key, r.remember),
      forgetKey: () => forgetKey(),
      refresh: () => syncGroup(),
      actAs: (r) => actAs(r.workspaceId, r.tabId),
      invite: (r) => invite(r.workspaceId),
      remove: (r) => remove(r.membershipId),
      leave: () => leave(),
      dismissNotice: async () => (await notice.set(null), done),
    },
    ready,
  );

  browser.runtime.onInstalled.addListener(() => void ready.then(() => syncGroup()));
  browser.runtime.onStartup.addListener(() => void ready.then(() => syncGroup()));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) void ready.then(() => syncGroup());
  });
  browser.tabs.onRemoved.addListener((tabId) => void ready.then(() => forgetTab(tabId)));
});
