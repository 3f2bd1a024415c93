/** The agency console's address inside the extension (entrypoints/console/), opened by the popup, the settings and the menu. */
export const CONSOLE_PATH = '/console.html';
