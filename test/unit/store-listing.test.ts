// docs/store/listing.md is what the stores show: its name is the manifest's, its short
// description fits the Chrome Web Store's 132 characters.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { manifestFor } from '../../lib/build/manifest';

const listing = readFileSync(path.resolve(import.meta.dirname, '../../docs/store/listing.md'), 'utf8');
const section = (title: string) => listing.split(`## ${title}\n`)[1]?.split('\n## ')[0]?.trim() ?? '';

it('names the extension as the manifest does', () => {
  expect(section('Name')).toBe(manifestFor('chrome').name);
});

it('has a short description of at most 132 characters', () => {
  expect(section('Short description').length).toBeGreaterThan(0);
  expect(section('Short description').length).toBeLessThanOrEqual(132);
});
