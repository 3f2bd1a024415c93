// CI: fails if the popup's or the service worker's JavaScript (gzip, as the bench measures it:
// bench/lib/bundle.ts) is over its ceiling in bench/lib/bundle-budgets.ts. Run after `npm run build`.
import path from 'node:path';
import { backgroundBundle, pageBundle, pageOnDemand } from '../bench/lib/bundle';
import { BUNDLE_BUDGETS, overCeiling } from '../bench/lib/bundle-budgets';

const dir = path.resolve(import.meta.dirname, '..', '.output', 'chrome-mv3');
const sizes = { popup: pageBundle(dir, 'popup.html'), background: backgroundBundle(dir) };
const later = pageOnDemand(dir, 'popup.html');
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
for (const [name, size] of Object.entries(sizes)) {
  const { target, ceiling } = BUNDLE_BUDGETS[name as keyof typeof sizes];
  console.log(`${name}: ${kB(size.gzip)} gzip (target ${target} kB, ceiling ${ceiling} kB): ${size.files.join(', ')}`);
}
console.log(`popup on demand (dialogs, rare panes): ${kB(later.gzip)} gzip: ${later.files.join(', ') || 'none'}`);
const over = overCeiling(sizes);
for (const line of over) console.error(line);
if (over.length > 0) process.exit(1);
