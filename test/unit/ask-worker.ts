// A page's request to the worker's message router, as the browser delivers it: the answer comes
// through sendResponse when the listener kept the channel open (returned true), else there is none.
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const ownPage = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

export async function askWorker(message: unknown, sender: { id?: string; url?: string } = ownPage()): Promise<unknown> {
  let answered: (reply: unknown) => void = () => undefined;
  const reply = new Promise<unknown>((resolve) => (answered = resolve));
  const [keptOpen] = (await fakeBrowser.runtime.onMessage.trigger(message, sender, (r: unknown) =>
    answered(r),
  )) as unknown[];
  return keptOpen === true ? reply : undefined;
}
