// Composition root: each capability sets itself up (its requests and browser events); nothing
// else lives here. Start-up first: every listener waits for it (lib/background/worker/start-up-gate.ts).
import { setUpActAs } from '@/lib/background/capabilities/act-as';
import { setUpActiveTabGuard } from '@/lib/background/capabilities/active-tab-guard';
import { setUpAllowedSites } from '@/lib/background/capabilities/allowed-sites';
import { setUpConnect } from '@/lib/background/capabilities/connect';
import { setUpContextMenu } from '@/lib/background/capabilities/menu-clicks';
import { setUpCycleShortcut } from '@/lib/background/capabilities/cycle-shortcut';
import { setUpGroupActions } from '@/lib/background/capabilities/group/group-actions';
import { setUpGlance } from '@/lib/background/capabilities/glance';
import { setUpInstantlyCall } from '@/lib/background/capabilities/instantly-call';
import { setUpGroupSync } from '@/lib/background/capabilities/group/group-sync';
import { setUpNotices } from '@/lib/background/capabilities/notices';
import { setUpRecentCalls } from '@/lib/background/capabilities/recent-calls';
import { setUpMessageRouter } from '@/lib/background/worker/message-router';
import { setUpSettingsTransfer } from '@/lib/background/capabilities/settings-transfer';
import { setUpStartUp } from '@/lib/background/start-up';
import { setUpUnstructured } from '@/lib/background/capabilities/unstructured-keys';
import { setUpWorkspaceLooks } from '@/lib/background/capabilities/workspace-looks';
import { exposeTestHook } from '@/lib/background/worker/test-hook';
import { TEST_BUILD } from '@/lib/common/build-mode';

export default defineBackground(() => {
  setUpStartUp();
  setUpMessageRouter();
  setUpConnect();
  setUpGroupSync();
  setUpActAs();
  setUpActiveTabGuard();
  setUpCycleShortcut();
  setUpContextMenu();
  setUpGroupActions();
  setUpNotices();
  setUpAllowedSites();
  setUpUnstructured();
  setUpWorkspaceLooks();
  setUpSettingsTransfer();
  setUpGlance();
  setUpInstantlyCall();
  setUpRecentCalls();
  // Only the test builds carry it (lib/common/build-mode.ts): the bundler leaves it out of the shipped worker.
  if (TEST_BUILD) exposeTestHook();
});
