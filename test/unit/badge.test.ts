import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeColor, badgeFor, badgeLabel, showBadges } from '@/lib/background/projection/badge';

const id = '019ffad2-5cb9-7412-a999-646b69b0d7b4';

describe('badge', () => {
  it('labels a workspace by its initials, or the start of a one-word name', () => {
    expect(badgeLabel({ workspaceId: id, name: 'Acme Outbound' })).toBe('AO');
    expect(badgeLabel({ workspaceId: id, name: 'northwind' })).toBe('NOR');
    expect(badgeLabel({ workspaceId: id, name: 'Blue Sky Growth Partners' })).toBe('BSG');
    expect(badgeLabel({ workspaceId: id, name: '—' })).toBe('019');
  });

  it('gives each workspace a stable colour of its own', () => {
    expect(badgeColor(id)).toMatch(/^#[0-9a-f]{6}$/);
    expect(badgeColor(id)).toBe(badgeColor(id));
    const colours = new Set(
      Array.from({ length: 20 }, (_, i) => badgeColor(`${id.slice(0, -2)}${String(i).padStart(2, '0')}`)),
    );
    expect(colours.size).toBeGreaterThan(10);
  });

  it('shows the everywhere choice globally and a tab’s own choice on that tab', async () => {
    const acme = { workspaceId: id, name: 'Acme Outbound' };
    const north = { workspaceId: id.replace('b4', 'b5'), name: 'Northwind Leads' };
    await showBadges(acme, { '5': north });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('AO');
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('NL');
    expect(await fakeBrowser.action.getTitle({})).toContain('Acme Outbound');
    await showBadges(null, {});
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(badgeFor(null, 'everywhere').title).toContain('admin workspace');
  });
});

describe('a tab’s own badge', () => {
  it('goes back to the everywhere badge when the tab’s choice is dropped', async () => {
    const acme = { workspaceId: id, name: 'Acme Outbound' };
    const north = { workspaceId: id.replace('b4', 'b5'), name: 'Northwind Leads' };
    await showBadges(acme, { '5': north });
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('NL');
    await showBadges(acme, {});
    // Text cleared (a real browser then shows the global one, see the e2e test of "this tab
    // only"; the fake browser answers '' for a tab without a value); colour and title mirrored.
    expect(await fakeBrowser.action.getBadgeText({ tabId: 5 })).toBe('');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({ tabId: 5 })).toEqual(
      await fakeBrowser.action.getBadgeBackgroundColor({}),
    );
    expect(await fakeBrowser.action.getTitle({ tabId: 5 })).toBe(await fakeBrowser.action.getTitle({}));
    // …and they follow later changes of the everywhere choice.
    await showBadges(north, {});
    expect(await fakeBrowser.action.getTitle({ tabId: 5 })).toContain('Northwind Leads');
  });
});
