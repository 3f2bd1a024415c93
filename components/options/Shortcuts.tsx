import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

interface Binding {
  name: string;
  description: string;
  shortcut: string;
}

const SHORTCUTS_PAGE = 'chrome://extensions/shortcuts';

/** The keys the browser really assigned (it may leave a suggested key unassigned without a word). */
export function Shortcuts() {
  const [bindings, setBindings] = useState<Binding[] | null>(null);
  useEffect(() => {
    void browser.commands
      .getAll()
      .then((all) =>
        setBindings(
          all.map((c) => ({
            name: c.name ?? '',
            description: c.name === '_execute_action' ? 'Open the workspace switcher' : (c.description ?? c.name ?? ''),
            shortcut: c.shortcut ?? '',
          })),
        ),
      )
      .catch(() => setBindings([]));
  }, []);

  async function openSettings() {
    // Firefox has its own page and an API to open it; Chromium-based browsers have a chrome:// page.
    const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
    if (commands.openShortcutSettings) await commands.openShortcutSettings();
    else await browser.tabs.create({ url: SHORTCUTS_PAGE });
  }

  return (
    <section className="card" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {(bindings ?? []).map((b) => (
            <tr key={b.name}>
              <td>{b.description}</td>
              <td>{b.shortcut ? <kbd>{b.shortcut}</kbd> : <span className="muted">not set</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <button type="button" onClick={() => void openSettings()}>
          Change shortcuts
        </button>
      </div>
    </section>
  );
}
