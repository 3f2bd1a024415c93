// JavaScript each entry point loads, from the built extension: the scripts and modulepreloads
// its HTML names, plus everything those import statically (followed recursively), raw and gzip.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSize {
  entry: string;
  files: string[];
  raw: number;
  gzip: number;
}

const SCRIPT_SRC = /<script\b[^>]*\bsrc=["']([^"']+)["']/gi;
const MODULEPRELOAD =
  /<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']|<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']modulepreload["']/gi;
// Minified static imports: import{a as b}from"./x.js"  import"./y.js"  export*from"./z.js"
const STATIC_IMPORT = /(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.js)["']/g;
// Minified dynamic imports: import("./w.js") — loaded on demand, not when the page opens.
const DYNAMIC_IMPORT = /\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;

function resolveIn(root: string, fromFile: string, ref: string): string | undefined {
  if (/^[a-z]+:/i.test(ref)) return undefined; // absolute URL: not part of the bundle
  const abs = ref.startsWith('/') ? path.join(root, ref) : path.resolve(path.dirname(fromFile), ref);
  return existsSync(abs) ? abs : undefined;
}

function following(root: string, start: string[], patterns: RegExp[]): string[] {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        const next = resolveIn(root, file, match[1]!);
        if (next && !seen.has(next)) queue.push(next);
      }
    }
  }
  return [...seen];
}

function withStaticImports(root: string, start: string[]): string[] {
  return following(root, start, [STATIC_IMPORT]);
}

function measure(root: string, entry: string, files: string[]): BundleSize {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { entry, files: files.map((f) => path.relative(root, f)).sort(), raw, gzip };
}

function pageStart(root: string, html: string): string[] {
  const htmlFile = path.join(root, html);
  const text = readFileSync(htmlFile, 'utf8');
  const refs = [...text.matchAll(SCRIPT_SRC)]
    .map((m) => m[1]!)
    .concat([...text.matchAll(MODULEPRELOAD)].map((m) => (m[1] ?? m[2])!));
  return refs.map((ref) => resolveIn(root, htmlFile, ref)).filter((f): f is string => f !== undefined);
}

/** The JavaScript an HTML page of the extension loads when it opens. */
export function pageBundle(root: string, html: string): BundleSize {
  return measure(root, html, withStaticImports(root, pageStart(root, html)));
}

/** The JavaScript a page can load later, on demand (dynamic import()), beyond what it opens with. */
export function pageOnDemand(root: string, html: string): BundleSize {
  const atOpen = new Set(withStaticImports(root, pageStart(root, html)));
  const all = following(root, [...atOpen], [STATIC_IMPORT, DYNAMIC_IMPORT]);
  return measure(
    root,
    `${html} on demand`,
    all.filter((f) => !atOpen.has(f)),
  );
}

/** The background service worker's JavaScript (from manifest.json). */
export function backgroundBundle(root: string): BundleSize {
  const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8')) as {
    background?: { service_worker?: string; scripts?: string[] };
  };
  const refs = manifest.background?.service_worker
    ? [manifest.background.service_worker]
    : (manifest.background?.scripts ?? []);
  const start = refs.map((ref) => path.join(root, ref)).filter((f) => existsSync(f));
  return measure(root, 'background', withStaticImports(root, start));
}
