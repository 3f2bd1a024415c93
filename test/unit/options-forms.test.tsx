// @vitest-environment happy-dom
// The settings page's forms as a user meets them: what they send to the background (through
// browser.runtime.sendMessage, answered here by a stand-in background) and what they then show.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AllowedSites } from '@/components/options/AllowedSites';
import { InstantlyKey } from '@/components/options/InstantlyKey';
import { UnstructuredSettings } from '@/components/options/UnstructuredSettings';
import type { Request } from '@/lib/common/messages';
import type { UnstructuredWorkspace } from '@/lib/common/model';
import type { Reply } from '@/lib/common/reply';

/** A background that answers every request with `reply`, and the requests it got. */
function background(reply: Reply = { ok: true }): Request[] {
  const received: Request[] = [];
  fakeBrowser.runtime.onMessage.addListener(
    (message: Request, _sender: unknown, sendResponse: (reply: Reply) => void) => {
      received.push(message);
      sendResponse(reply);
      return true;
    },
  );
  return received;
}

afterEach(cleanup);

/** Opens the Instantly section, pastes `key`, ticks Remember if asked, and presses Save key. */
async function saveKey(key: string, { remember = false } = {}) {
  const user = userEvent.setup();
  render(<InstantlyKey />);
  await user.type(screen.getByLabelText('Instantly API key'), key);
  if (remember) await user.click(screen.getByRole('checkbox', { name: 'Remember on this device' }));
  await user.click(screen.getByRole('button', { name: 'Save key' }));
}

/** Opens the Unstructured section, fills the add form, and presses Add Unstructured workspace. */
async function addUnstructured(name: string, key: string, apiUrl?: string) {
  const user = userEvent.setup();
  render(<UnstructuredSettings workspaces={[]} />);
  await user.type(screen.getByRole('textbox', { name: 'Unstructured workspace name' }), name);
  await user.type(screen.getByLabelText('Unstructured API key'), key);
  if (apiUrl) await user.type(screen.getByLabelText('API URL (optional)'), apiUrl);
  await user.click(screen.getByRole('button', { name: 'Add Unstructured workspace' }));
}

describe('settings: the Instantly key', () => {
  it('Save key sends the key and “Remember on this device”, then clears the field', async () => {
    const received = background();
    await saveKey('key-123', { remember: true });
    expect(received).toEqual([{ type: 'saveKey', key: 'key-123', remember: true }]);
    expect(screen.getByLabelText<HTMLInputElement>('Instantly API key').value).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Remember is off unless ticked', async () => {
    const received = background();
    await saveKey('key-123');
    expect(received).toEqual([{ type: 'saveKey', key: 'key-123', remember: false }]);
  });

  it('a refused key: the sentence in an alert, and the key stays to be corrected', async () => {
    const sentence = 'Instantly rejected this API key. Check that it was copied whole.';
    background({ ok: false, error: sentence });
    await saveKey('wrong-key');
    expect(screen.getByRole('alert').textContent).toContain(sentence);
    expect(screen.getByLabelText<HTMLInputElement>('Instantly API key').value).toBe('wrong-key');
  });
});

describe('settings: Unstructured workspaces', () => {
  const docs: UnstructuredWorkspace = {
    id: 'u-1',
    name: 'Docs team',
    apiBase: 'https://platform.unstructuredapp.io',
    keyHint: 'a1b2',
    remembered: false,
    addedAt: 1,
  };

  it('the add form sends the name and key, then empties itself', async () => {
    const received = background();
    await addUnstructured('Research', 'u-key-9');
    expect(received).toEqual([
      {
        type: 'addUnstructured',
        name: 'Research',
        key: 'u-key-9',
        apiUrl: undefined,
        remember: false,
        takeBackPermission: false,
      },
    ]);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Unstructured workspace name' }).value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Unstructured API key').value).toBe('');
  });

  it('a key the check refused: the sentence in an alert, and the form keeps what was typed', async () => {
    background({ ok: false, error: 'Unstructured rejected this API key.' });
    await addUnstructured('Research', 'bad');
    expect(screen.getByRole('alert').textContent).toContain('Unstructured rejected this API key.');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Unstructured workspace name' }).value).toBe(
      'Research',
    );
  });

  it('an account’s own API URL the user does not allow: said plainly, and nothing is sent', async () => {
    // The unit set-up's permissions grant nothing: the user said no.
    const received = background();
    await addUnstructured('Own host', 'u-key-9', 'https://api.acme-unstructured.example');
    expect(screen.getByRole('alert').textContent).toContain(
      'needs your permission to reach https://api.acme-unstructured.example',
    );
    expect(received).toEqual([]);
  });

  it('Delete <name> deletes that workspace', async () => {
    const received = background();
    const user = userEvent.setup();
    render(<UnstructuredSettings workspaces={[docs, { ...docs, id: 'u-2', name: 'Sales team' }]} />);
    await user.click(screen.getByRole('button', { name: 'Delete Sales team' }));
    expect(received).toEqual([{ type: 'deleteUnstructured', id: 'u-2' }]);
  });
});

describe('settings: sending the Unstructured key from a site', () => {
  const own: UnstructuredWorkspace = {
    id: 'u-own',
    name: 'Own host',
    apiBase: 'https://api.acme-unstructured.example',
    keyHint: 'c3d4',
    remembered: false,
    addedAt: 1,
  };
  const reason =
    'Not sent while http://other.example is reachable without the key: the browser tells sites apart by host name only.';
  const blocked = [{ origin: 'https://other.example', reason }];

  it('Allowed sites: ticking “Send the Unstructured key from <site>” opts that site in, and a blocked one says why', async () => {
    const received = background();
    const user = userEvent.setup();
    render(
      <AllowedSites sites={['https://other.example']} unstructuredSites={[]} hasUnstructured keyBlocked={blocked} />,
    );
    await user.click(screen.getByRole('checkbox', { name: 'Send the Unstructured key from https://other.example' }));
    expect(received).toEqual([{ type: 'setUnstructuredSite', origin: 'https://other.example', on: true }]);
    expect(screen.getByText(reason)).toBeTruthy();
  });

  it('Unstructured: an account’s own API host has the same opt-in, and unticking opts it out', async () => {
    const received = background();
    const user = userEvent.setup();
    render(<UnstructuredSettings workspaces={[own]} unstructuredSites={[own.apiBase]} />);
    const box = screen.getByRole<HTMLInputElement>('checkbox', {
      name: `Send the Unstructured key from ${own.apiBase}`,
    });
    expect(box.checked).toBe(true);
    await user.click(box);
    expect(received).toEqual([{ type: 'setUnstructuredSite', origin: own.apiBase, on: false }]);
  });
});
