// CI: fails if a permission or host permission of the built manifests (Chrome and Firefox) has
// no justification in docs/store/permissions.md, or if one there names nothing the manifests ask for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkJustifications, type ManifestPermissions } from './justifications';

const root = path.resolve(import.meta.dirname, '..');
const manifests = ['chrome-mv3', 'firefox-mv3'].map(
  (dir) => JSON.parse(readFileSync(path.join(root, '.output', dir, 'manifest.json'), 'utf8')) as ManifestPermissions,
);
const { missing, unused } = checkJustifications(
  manifests,
  readFileSync(path.join(root, 'docs/store/permissions.md'), 'utf8'),
);
for (const name of missing) console.error(`no justification in docs/store/permissions.md for \`${name}\``);
for (const name of unused) console.error(`docs/store/permissions.md justifies \`${name}\`, which no manifest asks for`);
if (missing.length > 0 || unused.length > 0) process.exit(1);
console.log('every permission of the built manifests is justified in docs/store/permissions.md');
