// One start-up gate for a fresh install, a browser start and a wake-up of the worker: every
// listener waits for it, so a wake-up and a cold start take the same path (uBlock Origin Lite's
// "one init gate", docs/browsers.md#service-worker-lifetime).
let begin: () => Promise<void> = () => Promise.resolve();
let started: Promise<void> | null = null;

/** Says how the worker starts; the first event (or this call) runs it. */
export function startWith(startUp: () => Promise<void>): Promise<void> {
  begin = startUp;
  started = null;
  return ready();
}

/**
 * Resolves once start-up has run. A failed start-up is logged and tried again by the next event
 * instead of leaving every listener silently doing nothing until the worker restarts.
 */
export function ready(): Promise<void> {
  started ??= begin().catch((error: unknown) => {
    started = null;
    console.error('Workspace Switcher: start-up failed; the next event tries again:', describe(error));
    throw error;
  });
  return started;
}

/** Runs work after start-up, for a browser event (which has nobody to answer): failures are logged. */
export function whenReady(what: string, work: () => Promise<unknown>): void {
  void ready()
    .then(work)
    .catch((error: unknown) => console.warn(`Workspace Switcher: ${what} failed:`, describe(error)));
}

/** An error as one line for the console, never with a value that could hold a secret. */
export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}
