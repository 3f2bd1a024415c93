// One place that knows how to start Chromium against the fake API with the built extension.
// Used by the Playwright fixtures (test/e2e/fixtures.ts), by `npm start` (scripts/start.ts)
// and by the benchmark. See docs/browsers.md for why each flag is here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BROWSER_HOSTS, hostResolverRules } from '../fake-api/hosts';

/** Host names that Chromium sends to the fake API instead of the internet. */
export const FAKE_HOSTS: readonly string[] = BROWSER_HOSTS;

/** Where `npm run build` (wxt build) puts the Chrome MV3 extension. */
export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3');
/**
 * The test build (`npm run build:e2e`): the shipped code, plus host permission for
 * https://other.example and https://sub.other.example granted at install, because a headless
 * browser cannot click the permission prompt that "Allow on this site" opens.
 */
export const E2E_EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-e2e');

/**
 * The Chromium to drive: `CHROMIUM_PATH`, then Debian's `/usr/bin/chromium`, then undefined
 * (= Playwright's own browser, e.g. after `npx playwright install chromium` on a laptop).
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  return undefined;
}

/** Throws a message that says what to do when the extension has not been built. */
export function assertExtensionBuilt(extensionDir = EXTENSION_DIR): string {
  const abs = path.resolve(extensionDir);
  if (!existsSync(path.join(abs, 'manifest.json'))) {
    throw new Error(`No built extension at ${abs} (manifest.json missing). Run \`npm run build\` first.`);
  }
  return abs;
}

export interface ChromiumArgsOptions {
  /** The unpacked extension (made absolute here). */
  extensionDir: string;
  /** Port of the fake API on 127.0.0.1; every host in FAKE_HOSTS is sent there (for any port). */
  apiPort: number;
  /** base64 sha256 of the fake API certificate's public key (makeCertificate().spki). */
  spki: string;
}

export function chromiumArgs({ extensionDir, apiPort, spki }: ChromiumArgsOptions): string[] {
  const ext = path.resolve(extensionDir);
  // "MAP a 127.0.0.1:P, MAP b 127.0.0.1:P": several rules are separated by commas; the port on
  // the right replaces the URL's (https://api.instantly.ai/ → 127.0.0.1:<apiPort>, not :443).
  // No quotes inside the argument. Measured on Chromium 156 for pages and the service worker.
  const rules = hostResolverRules(apiPort, FAKE_HOSTS);
  const args = [
    `--disable-extensions-except=${ext}`,
    `--load-extension=${ext}`,
    `--host-resolver-rules=${rules}`,
    `--ignore-certificate-errors-spki-list=${spki}`,
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  // Chromium refuses to start as root with its sandbox on.
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}
