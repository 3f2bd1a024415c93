import { browser } from 'wxt/browser';
import { CONSOLE_PATH } from '@/lib/common/console-page';

/** Opens the agency console in a new tab (from the popup and the settings). */
export function openConsole(): void {
  void browser.tabs.create({ url: browser.runtime.getURL(CONSOLE_PATH) });
}
