// Composition root: each capability sets itself up (its requests and browser events); nothing
// else lives here. Start-up first: every listener waits for it (lib/background/lifecycle.ts).
import { setUpActAs } from '@/lib/background/act-as';
import { setUpAllowedSites } from '@/lib/background/allowed-sites';
import { setUpConnect } from '@/lib/background/connect';
import { setUpContextMenu } from '@/lib/background/context-menu-click';
import { setUpCycleShortcut } from '@/lib/background/cycle-shortcut';
import { setUpGroupActions } from '@/lib/background/group-actions';
import { setUpGlance } from '@/lib/background/glance';
import { setUpGroupSync } from '@/lib/background/group-sync';
import { setUpNotices } from '@/lib/background/notices';
import { setUpRecentCalls } from '@/lib/background/recent-calls';
import { setUpRequests } from '@/lib/background/requests';
import { setUpSettingsTransfer } from '@/lib/background/settings-transfer';
import { setUpStartUp } from '@/lib/background/startup';
import { setUpUnstructured } from '@/lib/background/unstructured-workspaces';
import { setUpWorkspaceLooks } from '@/lib/background/workspace-looks';
import { exposeTestHook } from '@/lib/background/test-hook';

export default defineBackground(() => {
  setUpStartUp();
  setUpRequests();
  setUpConnect();
  setUpGroupSync();
  setUpActAs();
  setUpCycleShortcut();
  setUpContextMenu();
  setUpGroupActions();
  setUpNotices();
  setUpAllowedSites();
  setUpUnstructured();
  setUpWorkspaceLooks();
  setUpSettingsTransfer();
  setUpGlance();
  setUpRecentCalls();
  // Only the e2e test build (`--mode e2e`) carries it: the condition is false at build time
  // otherwise, and the bundler leaves the hook out of the shipped worker.
  if (import.meta.env.MODE === 'e2e') exposeTestHook();
});
