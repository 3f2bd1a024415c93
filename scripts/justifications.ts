// Which permissions of a manifest have no justification in docs/store/permissions.md (a
// `### \`name\`` heading with text under it), and which justifications name nothing it asks for.
export interface ManifestPermissions {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
}

export function requestedNames(manifest: ManifestPermissions): string[] {
  return [
    ...(manifest.permissions ?? []),
    ...(manifest.optional_permissions ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
  ];
}

/** Names of `### \`name\`` headings followed by some text before the next heading. */
export function justifiedNames(markdown: string): Set<string> {
  const names = new Set<string>();
  for (const section of markdown.split(/^(?=#{1,6} )/m)) {
    const match = /^### `([^`]+)`\s*\n([\s\S]*)$/.exec(section);
    if (match?.[1] && match[2]?.trim()) names.add(match[1]);
  }
  return names;
}

export function checkJustifications(manifests: ManifestPermissions[], markdown: string) {
  const requested = new Set(manifests.flatMap(requestedNames));
  const justified = justifiedNames(markdown);
  return {
    missing: [...requested].filter((name) => !justified.has(name)),
    unused: [...justified].filter((name) => !requested.has(name)),
  };
}
