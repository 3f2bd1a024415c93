// A real key press, through the X server (xdotool's XTEST input): the browser takes it as the
// user's, so an extension's shortcut runs with what a press gives it (activeTab on the tab).
// Playwright's key presses go to the page and never reach a shortcut
// (docs/browsers.md#commands-and-context-menus). Needs a headed browser on an X display: CI runs
// the end-to-end tests under xvfb-run with xdotool installed (.ci/run).
import { execFileSync } from 'node:child_process';

const xdotool = (...args: string[]) => execFileSync('xdotool', args, { encoding: 'utf8', timeout: 10_000 }).trim();

/**
 * Gives the keyboard to the browser's window (no window manager under Xvfb: focus is set
 * directly), then presses `keys` (xdotool's names, e.g. `alt+shift+period`).
 */
export function pressInBrowser(keys: string): void {
  if (!process.env.DISPLAY)
    throw new Error('No X display: run the end-to-end tests under xvfb-run (and apt-get install xdotool).');
  const [window] = xdotool('search', '--onlyvisible', '--class', 'chromium').split('\n').filter(Boolean);
  if (!window) throw new Error('No visible Chromium window to press keys in.');
  xdotool('windowfocus', '--sync', window);
  xdotool('key', '--clearmodifiers', keys);
}
