// The project's sources, tests and tools stand on their own in a fresh clone: their
// comments point at the repo's own docs (docs/instantly-api.md, docs/browsers.md), never at
// files outside the repo, and every `docs/<file>.md#section` they name is a heading there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Files whose comments must point inside the repo: every source file of the project. */
function checkedFiles(): string[] {
  const inDir = (dir: string, keep: (name: string) => boolean) =>
    readdirSync(path.join(ROOT, dir))
      .filter(keep)
      .map((name) => path.join(dir, name));
  const tree = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? tree(path.join(dir, entry.name))
        : /\.(ts|tsx|md)$/.test(entry.name)
          ? [path.join(dir, entry.name)]
          : [],
    );
  return [
    ...tree('lib'),
    ...tree('components'),
    ...tree('entrypoints'),
    ...inDir('test/fake-api', (n) => n.endsWith('.ts') || n.endsWith('.md')),
    ...inDir('test/unit', (n) => n.startsWith('fake-api-') && n.endsWith('.ts')),
    ...inDir('test/e2e', (n) => n.endsWith('.ts')),
    ...inDir('test/firefox', (n) => n.endsWith('.ts')),
    ...inDir('bench', (n) => n.endsWith('.ts') || n.endsWith('.md')),
    ...inDir('bench/lib', (n) => n.endsWith('.ts')),
    'README.md',
  ];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replaceAll(' ', '-');
}

function anchorsOf(doc: string): Set<string> {
  const text = readFileSync(path.join(ROOT, doc), 'utf8');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] ?? '')));
}

// This file names what it forbids, so it is not checked itself.
const SELF = 'test/unit/docs-pointers.test.ts';

describe('pointers to documentation', () => {
  it('nothing points outside the repo (../shared, api-facts, e2e-chromium.md)', () => {
    const offending: string[] = [];
    for (const file of checkedFiles()) {
      if (file === SELF) continue;
      const lines = readFileSync(path.join(ROOT, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/\.\.\/shared\/[\w-]+\.(md|json|sh)|api-facts|e2e-chromium\.md/.test(line))
          offending.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offending).toEqual([]);
  });

  it('every docs/<file>.md#section named in a comment is a heading of that file', () => {
    const missing: string[] = [];
    let pointers = 0;
    for (const file of checkedFiles()) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      // `docs/instantly-api.md#errors`, and follow-ups in the same breath: `…#scopes, #errors`.
      for (const match of text.matchAll(/docs\/([\w-]+\.md)((?:#[\w-]+)?(?::? ?(?:, )?#[\w-]+)*)/g)) {
        const doc = `docs/${match[1]}`;
        if (!existsSync(path.join(ROOT, doc))) {
          missing.push(`${file}: ${doc} does not exist`);
          continue;
        }
        const anchors = anchorsOf(doc);
        for (const [, anchor = ''] of (match[2] ?? '').matchAll(/#([\w-]+)/g)) {
          pointers += 1;
          if (!anchors.has(anchor)) missing.push(`${file}: ${doc}#${anchor}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(pointers).toBeGreaterThan(20);
  });
});
