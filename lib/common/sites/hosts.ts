// The hosts the extension acts on and the header names it sets: a neutral file that the rules,
// the providers, the manifest and the pages all read, so none of them imports another's code.
// What each host and header means: docs/instantly-api.md, docs/browsers.md.

export const INSTANTLY_API_ORIGIN = 'https://api.instantly.ai';
export const INSTANTLY_API_HOST = 'api.instantly.ai';
/** Instantly's own sites, whose requests to the API get the header out of the box. */
export const INSTANTLY_PAGE_ORIGINS = ['https://app.instantly.ai', 'https://developer.instantly.ai'];
/** Makes an admin key's call go out as that sub workspace (Instantly's workspace groups). */
export const AS_WORKSPACE_HEADER = 'x-as-workspace';

export const UNSTRUCTURED_DEFAULT_ORIGIN = 'https://platform.unstructuredapp.io';
/** Unstructured's API key header: a credential, unlike x-as-workspace. */
export const UNSTRUCTURED_KEY_HEADER = 'unstructured-api-key';
