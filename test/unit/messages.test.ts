import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startWith } from '@/lib/background/worker/start-up-gate';
import { fromOwnPage, onRequest, setUpMessageRouter } from '@/lib/background/worker/message-router';
import { askWorker } from './ask-worker';

const own = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

describe('messages to the background', () => {
  beforeEach(() => fakeBrowser.reset());

  it('are accepted only from the extension’s own pages', () => {
    expect(fromOwnPage(own())).toBe(true);
    expect(fromOwnPage({ id: 'another-extension', url: 'chrome-extension://another-extension/x.html' })).toBe(false);
    expect(fromOwnPage({ id: fakeBrowser.runtime.id, url: 'https://app.instantly.ai/' })).toBe(false); // a content script
    expect(fromOwnPage({ url: fakeBrowser.runtime.getURL('/popup.html') })).toBe(false);
  });

  it('are validated before any handler runs, and each reaches its own handler', async () => {
    const refresh = vi.fn(async () => ({ ok: true as const }));
    const actAs = vi.fn(async () => ({ ok: true as const }));
    void startWith(async () => undefined);
    onRequest('refresh', refresh);
    onRequest('actAs', actAs);
    setUpMessageRouter();

    const bad = await askWorker({ type: 'actAs', workspaceId: 42 });
    expect(bad).toEqual({ ok: false, error: expect.stringContaining('does not understand') });
    const unknown = await askWorker({ type: 'dropDatabase' });
    expect(unknown).toMatchObject({ ok: false });
    const foreign = await askWorker({ type: 'refresh' }, { id: 'evil', url: 'https://evil.example/' });
    expect(foreign).toBeUndefined();
    expect(refresh).not.toHaveBeenCalled();

    const ok = await askWorker({ type: 'actAs', workspaceId: null, tabId: 3 });
    expect(ok).toEqual({ ok: true });
    expect(actAs).toHaveBeenCalledWith({ type: 'actAs', workspaceId: null, tabId: 3 });
  });

  it('wait for start-up, and a handler that throws still gets a sentence back', async () => {
    let started!: () => void;
    const ready = new Promise<void>((resolve) => (started = resolve));
    const refresh = vi.fn(async () => {
      throw new Error('boom');
    });
    void startWith(() => ready);
    onRequest('refresh', refresh);
    setUpMessageRouter();
    const pending = askWorker({ type: 'refresh' });
    await Promise.resolve();
    expect(refresh).not.toHaveBeenCalled();
    started();
    const reply = await pending;
    // Not "nothing was changed": the handler may have changed storage before it threw.
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('Something unexpected went wrong') });
  });
});
