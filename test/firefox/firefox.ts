// One place that knows how to start Firefox against the fake API with the built extension
// (puppeteer-core over WebDriver BiDi). See docs/browsers.md#firefox.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { BROWSER_HOSTS } from '../fake-api/hosts';

/** Where `npm run build:firefox` (wxt build -b firefox --mv3) puts the extension. */
export const FIREFOX_EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/firefox-mv3');

/** The extension's internal uuid in the test profile (any uuid; fixed so its pages have a known address). */
export const EXTENSION_UUID = '5e3a1c9d-7b42-4f0e-9a61-2d8c4b7e0f13';

/**
 * The Firefox to drive: `FIREFOX_PATH`, then Debian's `firefox-esr` (`apt-get install
 * firefox-esr`), then `firefox`.
 */
export function findFirefox(): string {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`FIREFOX_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  for (const candidate of ['/usr/bin/firefox-esr', '/usr/bin/firefox']) if (existsSync(candidate)) return candidate;
  throw new Error('No Firefox found: `apt-get install -y firefox-esr`, or set FIREFOX_PATH');
}

export interface LaunchedFirefox {
  browser: Browser;
  /** moz-extension://<uuid> of the installed extension (no trailing slash). */
  extensionOrigin: string;
  /** A new tab on the extension's page, e.g. 'options.html'. */
  openExtensionPage(file: string): Promise<Page>;
  /** A new tab on a page served by the fake, e.g. 'https://app.instantly.ai/'. */
  openPage(url: string): Promise<Page>;
}

/**
 * Firefox, headless, with a fresh profile (puppeteer makes and removes it) in which:
 * - every fake host name resolves to 127.0.0.1 (`network.dns.localDomains`): the fake must listen
 *   on 127.0.0.1:443, because unlike Chromium's --host-resolver-rules this maps no ports;
 * - the fake's self-signed certificate is accepted (`acceptInsecureCerts`, browser-wide, so the
 *   extension's own requests as well as pages');
 * - the extension's internal uuid is fixed (`extensions.webextensions.uuids`), so its pages have a
 *   known moz-extension:// address;
 * and the shipped build is installed as a temporary add-on.
 *
 * Opening the extension's own pages: WebDriver BiDi refuses to navigate a tab to moz-extension://
 * ("not allowed in this context") unless Firefox was started with `--remote-allow-system-access`,
 * which lets the automation (and only it) reach privileged pages. With it, a tab can be sent to
 * options.html or popup.html and driven like any page, and the extension build stays exactly
 * what ships: no test-only code or manifest entry.
 */
export async function launchFirefox(extensionDir = FIREFOX_EXTENSION_DIR): Promise<LaunchedFirefox> {
  const manifestFile = path.join(extensionDir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(
      `No Firefox build at ${extensionDir} (manifest.json missing). Run \`npm run build:firefox\` first.`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${manifestFile} has no browser_specific_settings.gecko.id`);

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': BROWSER_HOSTS.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      // Nothing else leaves the machine: no HTTP/3 or DNS-over-HTTPS probes.
      'network.http.http3.enable': false,
      'network.trr.mode': 5,
    },
  });
  try {
    const installed = await browser.installExtension(path.resolve(extensionDir));
    if (installed !== geckoId) throw new Error(`installed ${installed}, expected ${geckoId}`);
  } catch (error) {
    await browser.close();
    throw error;
  }
  const extensionOrigin = `moz-extension://${EXTENSION_UUID}`;

  return {
    browser,
    extensionOrigin,
    async openExtensionPage(file) {
      const url = `${extensionOrigin}/${file}`;
      const page = await browser.newPage();
      // page.goto() never settles here (the tab moves to the extension process and puppeteer
      // loses the navigation), so navigate without waiting and wait for the document instead.
      // (page.waitForFunction started across that switch does not settle either: poll instead.)
      await bidiFrame(page).browsingContext.navigate(url, 'none');
      const deadline = Date.now() + 10_000;
      for (;;) {
        const ready = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => 'navigating');
        if (ready === `${url} complete`) return page;
        if (Date.now() > deadline) throw new Error(`${url} did not load within 10 s (tab: ${ready})`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async openPage(url) {
      const page = await browser.newPage();
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
  };
}

/** The BiDi browsing context under a puppeteer page (public on puppeteer's BiDi frame, but untyped). */
function bidiFrame(page: Page): {
  browsingContext: { navigate(url: string, wait?: 'none' | 'interactive' | 'complete'): Promise<void> };
} {
  return page.mainFrame() as unknown as ReturnType<typeof bidiFrame>;
}
