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
import { setUpRequests } from '@/lib/background/requests';
import { setUpStartUp } from '@/lib/background/startup';
import { setUpUnstructured } from '@/lib/background/unstructured-workspaces';

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
  setUpGlance();
});
