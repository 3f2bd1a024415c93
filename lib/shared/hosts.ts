export const INSTANTLY_API_ORIGIN = 'https://api.instantly.ai';
export const INSTANTLY_API_HOST = 'api.instantly.ai';
/** Instantly's own sites, whose requests to the API get the header out of the box. */
export const INSTANTLY_PAGE_ORIGINS = ['https://app.instantly.ai', 'https://developer.instantly.ai'];
