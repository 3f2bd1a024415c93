import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

export interface ActiveTab {
  id: number;
  /** Known when the user opened the popup on that tab (activeTab), or for allowed sites. */
  url?: string;
}

/** The tab the popup was opened over. */
export function useActiveTab(): ActiveTab | null {
  const [tab, setTab] = useState<ActiveTab | null>(null);
  useEffect(() => {
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([active]) => setTab(active?.id === undefined ? null : { id: active.id, url: active.url }))
      .catch(() => setTab(null));
  }, []);
  return tab;
}
