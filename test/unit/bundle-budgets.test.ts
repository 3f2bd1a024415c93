// The bundle measure CI's budget check relies on (bench/lib/bundle.ts): what a page loads when it
// opens counts, what it imports on demand does not; and the check fails over a ceiling.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backgroundBundle, pageBundle, pageOnDemand, type BundleSize } from '../../bench/lib/bundle';
import { BUNDLE_BUDGETS, overCeiling } from '../../bench/lib/bundle-budgets';

let dir: string;
function build(files: Record<string, string>) {
  dir = mkdtempSync(path.join(tmpdir(), 'bundle-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const html = (...scripts: string[]) =>
  `<html><head>${scripts.map((s) => `<script type="module" src="/${s}"></script>`).join('')}` +
  '<link rel="modulepreload" crossorigin href="/chunks/shared.js"></head></html>';

describe('the bundle measure', () => {
  it('counts the page’s scripts, its modulepreloads and their static imports, not its dynamic ones', () => {
    build({
      'popup.html': html('chunks/popup.js'),
      'chunks/popup.js': 'import{a as b}from"./shared.js";import"./more.js";const d=()=>import(`./dialog.js`);',
      'chunks/shared.js': 'export const a=1;',
      'chunks/more.js': 'export*from"./deep.js";',
      'chunks/deep.js': 'export const c=2;',
      'chunks/dialog.js': 'import{a}from"./shared.js";import{e}from"./dialog-part.js";',
      'chunks/dialog-part.js': 'export const e=3;',
      'chunks/unused.js': 'export const f=4;',
    });
    expect(pageBundle(dir, 'popup.html').files).toEqual([
      'chunks/deep.js',
      'chunks/more.js',
      'chunks/popup.js',
      'chunks/shared.js',
    ]);
    // What the dialog needs beyond what the popup already loaded.
    expect(pageOnDemand(dir, 'popup.html').files).toEqual(['chunks/dialog-part.js', 'chunks/dialog.js']);
  });

  it('counts the service worker of the manifest and what it imports', () => {
    build({
      'manifest.json': JSON.stringify({ background: { service_worker: 'background.js' } }),
      'background.js': 'import"./chunks/w.js";',
      'chunks/w.js': 'export const w=1;',
    });
    const worker = backgroundBundle(dir);
    expect(worker.files).toEqual(['background.js', 'chunks/w.js']);
    expect(worker.gzip).toBeGreaterThan(0);
  });
});

describe('the budget check', () => {
  const sized = (kB: number): BundleSize => ({ entry: '', files: [], raw: 0, gzip: kB * 1000 });
  const { popup, background } = BUNDLE_BUDGETS;

  it('passes at the ceilings and fails one byte over either of them', () => {
    expect(overCeiling({ popup: sized(popup.ceiling), background: sized(background.ceiling) })).toEqual([]);
    expect(overCeiling({ popup: sized(popup.ceiling + 0.001), background: sized(background.ceiling) })).toEqual([
      expect.stringContaining('popup JavaScript'),
    ]);
    expect(overCeiling({ popup: sized(popup.ceiling), background: sized(background.ceiling + 0.001) })).toEqual([
      expect.stringContaining('background JavaScript'),
    ]);
  });
});
