// Only in the e2e test build (`wxt build --mode e2e`, see entrypoints/background.ts): lets the
// end-to-end tests ask the worker whether a burst of work has finished, instead of polling for a
// state the burst passes through. The shipped build has no such global (a test checks).
import { activity, whenIdle } from './queue';
import { requestsReceived } from './message-router';

export const TEST_HOOK = '__workspaceSwitcherTest';

export interface TestHook {
  /** Resolves once nothing runs or waits in the worker (every event, request and queue settled). */
  whenIdle(): Promise<void>;
  /** Pieces of work running or queued now. */
  activity(): number;
  /** Requests received from the extension's pages since this worker started. */
  requestsReceived(): number;
  /** Different for every start of the worker: tells a test that a new one runs. */
  readonly startId: string;
}

export function exposeTestHook(): void {
  const hook: TestHook = { whenIdle, activity, requestsReceived, startId: crypto.randomUUID() };
  Object.assign(globalThis, { [TEST_HOOK]: hook });
}
