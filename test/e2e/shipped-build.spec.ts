// The shipped worker carries none of the code that exists only for the tests (behind TEST_BUILD,
// lib/common/build-mode.ts): no test hook, no idle wait, no request counter. The e2e build's
// worker is read the same way and must have them, so the check is of the build, not of a typo.
// Reads the built files only: no browser.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { backgroundBundle } from '../../bench/lib/bundle';
import { E2E_EXTENSION_DIR, EXTENSION_DIR } from './chromium';

// Property names survive minification: the hook's global and the members the e2e tests call.
const TEST_ONLY = ['__workspaceSwitcherTest', 'whenIdle', 'requestsReceived', 'startId'];

function workerCode(dir: string): string {
  return backgroundBundle(dir)
    .files.map((file) => readFileSync(path.join(dir, file), 'utf8'))
    .join('\n');
}

test('the shipped worker has no test-only code; the e2e build’s has it', () => {
  const shipped = workerCode(EXTENSION_DIR);
  const e2e = workerCode(E2E_EXTENSION_DIR);
  for (const name of TEST_ONLY) {
    expect(shipped, name).not.toContain(name);
    expect(e2e, name).toContain(name);
  }
});
