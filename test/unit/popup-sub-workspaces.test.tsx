// @vitest-environment happy-dom
// The popup's list as a user meets it: search, the keyboard on the search box, and removing.
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SubWorkspaces, type SubWorkspacesProps } from '@/components/popup/SubWorkspaces';
import { cannotActAs } from '@/lib/common/act-as-refusal';
import type { Member, MemberStatus } from '@/lib/common/model';

const member = (n: number, name: string, status: MemberStatus = 'accepted'): Member => ({
  membershipId: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  workspaceId: `11111111-0000-7000-8000-${String(n).padStart(12, '0')}`,
  name,
  status,
  addedAt: '2025-03-01T10:00:00.000Z',
});

const members = [
  member(1, 'Acme Outbound'),
  member(2, 'Northwind Leads', 'pending'),
  member(3, 'Globex Cold Email'),
  member(4, 'Initech Sales', 'rejected'),
  member(5, 'Umbrella Partners'),
];

function renderList(props: Partial<SubWorkspacesProps> = {}) {
  const handlers = { onActAs: vi.fn(), onRemove: vi.fn(), onRefusal: vi.fn(), onLook: vi.fn() };
  const list = (more: Partial<SubWorkspacesProps>) => (
    <SubWorkspaces
      members={members}
      complete
      head={{ total: members.length, counts: { accepted: 3, pending: 1, rejected: 1 } }}
      actingAsId={null}
      canRemove
      tabId={7}
      glances={{}}
      glanceRun={null}
      attentionFirst={false}
      looks={{}}
      {...handlers}
      {...props}
      {...more}
    />
  );
  const { rerender } = render(list({}));
  return {
    ...handlers,
    user: userEvent.setup(),
    search: screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search workspaces' }),
    /** The popup renders again with these props changed (the rest as first rendered). */
    update: (more: Partial<SubWorkspacesProps>) => rerender(list(more)),
  };
}

const rows = () => within(screen.getByRole('list', { name: 'Sub workspaces' })).getAllByRole('listitem');
const rowNames = () => rows().map((row) => row.querySelector('.name')?.textContent);
const nameOf = (index: number) => document.getElementById(`row-${index}`)?.querySelector('.name')?.textContent;
/** The row the search box points the screen reader at (the rows themselves never take focus). */
const highlightedRow = (search: HTMLElement) =>
  document.getElementById(search.getAttribute('aria-activedescendant') ?? '');

beforeEach(() => localStorage.clear());
// user-event types key by key into a happy-dom page: seconds on a busy machine.
vi.setConfig({ testTimeout: 20_000 });
afterEach(cleanup);

describe('the popup’s list of sub workspaces', () => {
  it('search narrows the list: the typed workspace’s row is listed', async () => {
    const { user, search } = renderList();
    expect(rows()).toHaveLength(5);
    await user.type(search, 'globex');
    // Ranking is search.ts's business (its own tests): here, only that the row is found and others go.
    expect(rowNames()).toContain('Globex Cold Email');
    expect(rows().length).toBeLessThan(5);
  });

  // The rows' order is the list's business (search.ts, attention first): these read it from the screen.
  it('the arrow keys move the highlight and announce the row', async () => {
    const { user, search } = renderList();
    expect(document.activeElement).toBe(search);
    expect(highlightedRow(search)?.id).toBe('row-0');
    await user.keyboard('{ArrowDown}');
    expect(highlightedRow(search)?.id).toBe('row-1');
    const second = members.find((m) => m.name === nameOf(1))!;
    expect(screen.getByText(`${second.name!}, ${second.status}, 2 of 5`)).toBeTruthy();
    await user.keyboard('{ArrowDown}{ArrowUp}{ArrowUp}');
    expect(highlightedRow(search)?.id).toBe('row-0');
  });

  it('Enter acts as the highlighted accepted workspace', async () => {
    const { user, onActAs, onRefusal } = renderList();
    const index = rowNames().findIndex(
      (name, i) => i > 0 && members.find((m) => m.name === name)?.status === 'accepted',
    );
    await user.keyboard('{ArrowDown}'.repeat(index) + '{Enter}');
    expect(onActAs).toHaveBeenCalledWith(
      members.find((m) => m.name === nameOf(index)),
      undefined,
    );
    expect(onRefusal).not.toHaveBeenCalled();
  });

  it('Enter on "This tab only" acts as it in this tab', async () => {
    const { user, onActAs, search } = renderList();
    await user.click(screen.getByRole('checkbox', { name: 'This tab only' }));
    await user.click(search);
    await user.keyboard('{Enter}');
    expect(onActAs).toHaveBeenCalledWith(
      members.find((m) => m.name === nameOf(0)),
      7,
    );
  });

  it('Enter on a pending workspace refuses with the sentence, and acts as nobody', async () => {
    const { user, onActAs, onRefusal } = renderList();
    await user.keyboard('{ArrowDown}'.repeat(rowNames().indexOf('Northwind Leads')) + '{Enter}');
    expect(onRefusal).toHaveBeenCalledWith(cannotActAs('Northwind Leads', 'pending'));
    expect(onActAs).not.toHaveBeenCalled();
  });

  it('Escape clears the search, and the whole list is back', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const { user, search } = renderList();
    await user.type(search, 'umbrella');
    expect(rows().length).toBeLessThan(5);
    await user.keyboard('{Escape}');
    expect(search.value).toBe('');
    expect(rows()).toHaveLength(5);
    expect(close).not.toHaveBeenCalled(); // the first Escape only clears
    close.mockRestore();
  });

  it('an invitation just sent: once its row is listed it is highlighted, and a search that hides it is cleared', async () => {
    const { user, search, update } = renderList();
    await user.type(search, 'globex');
    const invited = member(6, 'Wayne Enterprises', 'pending');
    // A new object per invite; the group does not list the row until the next sync stores it.
    const reveal = { membershipId: invited.membershipId };
    update({ reveal });
    expect(search.value).toBe('globex');
    update({ reveal, members: [...members, invited] });
    await waitFor(() => expect(highlightedRow(search)?.querySelector('.name')?.textContent).toBe('Wayne Enterprises'));
    expect(search.value).toBe('');
    expect(rows()).toHaveLength(6);
  });

  it('Remove asks first: Cancel keeps the workspace', async () => {
    const { user, onRemove } = renderList();
    await user.click(screen.getByRole('button', { name: 'Remove Globex Cold Email' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove Globex Cold Email?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onRemove).not.toHaveBeenCalled();
    expect(rowNames()).toContain('Globex Cold Email');
  });

  it('Remove, then Confirm, removes that workspace', async () => {
    const { user, onRemove } = renderList();
    await user.click(screen.getByRole('button', { name: 'Remove Globex Cold Email' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Remove Globex Cold Email?' })).getByRole('button', {
        name: 'Confirm',
      }),
    );
    expect(onRemove).toHaveBeenCalledExactlyOnceWith(members[2]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
