// @vitest-environment happy-dom
// Importing a settings file someone else may have written: what the settings page shows and
// sends. The file chooses the Unstructured workspaces' API URLs and the sites the key went from;
// neither may reach a key or a site without the user's own, visible choice.
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MoveSettings } from '@/components/options/MoveSettings';
import type { Request } from '@/lib/common/messages';
import { emptyImportReport, type ImportReport } from '@/lib/common/settings-file';
import { browserPermissions } from '@/lib/common/sites/permissions';

const REPORT: ImportReport = emptyImportReport();

/** A background that answers an import with `report` and anything else with done; the requests it got. */
function background(report: Partial<ImportReport>): Request[] {
  const received: Request[] = [];
  fakeBrowser.runtime.onMessage.addListener(
    (message: Request, _sender: unknown, sendResponse: (r: unknown) => void) => {
      received.push(message);
      sendResponse(message.type === 'importSettings' ? { ok: true, report: { ...REPORT, ...report } } : { ok: true });
      return true;
    },
  );
  return received;
}

async function importFile(text: string) {
  const user = userEvent.setup();
  render(<MoveSettings />);
  await user.upload(
    screen.getByLabelText('Import settings'),
    new File([text], 'settings.json', { type: 'application/json' }),
  );
  return user;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('importing: an Unstructured workspace whose API URL the file chose', () => {
  it('shows the URL, warns that the host is not Unstructured’s, and sends nothing until that host is ticked', async () => {
    const received = background({ unstructuredToAdd: [{ name: 'Production', apiBase: 'https://keys.evil.example' }] });
    const asked = vi.spyOn(browserPermissions, 'request').mockResolvedValue(true);
    const user = await importFile('{}');
    expect(await screen.findByText('https://keys.evil.example')).toBeTruthy();
    expect(
      screen.getByText(/keys\.evil\.example is not Unstructured’s own server \(\*\.unstructuredapp\.io\)/),
    ).toBeTruthy();
    const trust = screen.getByRole('checkbox', { name: 'Send the key of Production to https://keys.evil.example' });
    expect((trust as HTMLInputElement).checked).toBe(false);

    await user.type(screen.getByLabelText('Unstructured API key for Production'), 'pasted-key');
    await user.click(screen.getByRole('button', { name: 'Add Production' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Nothing was sent');
    expect(received.map((r) => r.type)).toEqual(['importSettings']);
    expect(asked).not.toHaveBeenCalled();

    await user.click(trust);
    await user.click(screen.getByRole('button', { name: 'Add Production' }));
    await vi.waitFor(() => expect(received.map((r) => r.type)).toEqual(['importSettings', 'addUnstructured']));
    expect(asked).toHaveBeenCalledWith({ origins: ['https://keys.evil.example/*'] });
    // The permission was asked for this add alone: the background takes it back if the add fails.
    expect(received[1]).toMatchObject({ apiUrl: 'https://keys.evil.example', takeBackPermission: true });
  });

  it('an Unstructured host: its URL is shown, with no warning and no extra tick', async () => {
    const received = background({
      unstructuredToAdd: [{ name: 'Research', apiBase: 'https://platform.unstructuredapp.io' }],
    });
    const user = await importFile('{}');
    expect(await screen.findByText('https://platform.unstructuredapp.io')).toBeTruthy();
    expect(screen.queryByText(/is not Unstructured’s own server/)).toBeNull();
    expect(screen.queryByRole('checkbox', { name: /^Send the key of Research/ })).toBeNull();
    await user.type(screen.getByLabelText('Unstructured API key for Research'), 'pasted-key');
    await user.click(screen.getByRole('button', { name: 'Add Research' }));
    await vi.waitFor(() => expect(received.map((r) => r.type)).toEqual(['importSettings', 'addUnstructured']));
    expect(received[1]).toMatchObject({ takeBackPermission: false });
  });
});

describe('importing: sites the file sent the Unstructured key from', () => {
  it('are listed to confirm, each with its own box, unticked; ticking one opts in that site alone', async () => {
    const received = background({ unstructuredSitesToConfirm: ['https://crm.example', 'https://mail.example'] });
    const user = await importFile('{}');
    const list = await screen.findByRole('list', { name: 'Unstructured key sites to confirm' });
    const boxes = [...list.querySelectorAll('input[type=checkbox]')] as HTMLInputElement[];
    expect(boxes.map((b) => b.checked)).toEqual([false, false]);
    await user.click(
      screen.getByRole('checkbox', { name: 'Confirm sending the Unstructured key from https://mail.example' }),
    );
    await vi.waitFor(() =>
      expect(received.slice(1)).toEqual([{ type: 'setUnstructuredSite', origin: 'https://mail.example', on: true }]),
    );
  });
});

describe('importing: a file too large to be a settings file', () => {
  it('is refused with its size before it is read, and nothing is sent', async () => {
    const received = background({});
    await importFile(' '.repeat(1_200_000));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^That file is 1\.2 MB: .* at most 1 MB/);
    expect(received).toEqual([]);
  });
});
