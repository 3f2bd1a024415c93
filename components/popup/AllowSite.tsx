import { useState } from 'react';
import { BUILT_IN_ORIGINS, allowableOrigin, patternFor } from '@/lib/common/sites/host-permissions';
import { browserPermissions } from '@/lib/common/sites/permissions';
import { Alert } from '../Alert';

/**
 * A header rule only reaches a page's requests when the extension may access that page's
 * origin, so sites beyond Instantly's own are allowed here, one origin at a time, on a click
 * (the browser asks the user; the background follows permissions.onAdded).
 */
export function AllowSite({ url, allowed }: { url: string | undefined; allowed: string[] }) {
  const [error, setError] = useState<string | null>(null);
  const origin = allowableOrigin(url);
  if (!origin || BUILT_IN_ORIGINS.includes(origin)) return null;
  if (allowed.includes(origin))
    return <p className="muted">Requests from {origin} go out as the workspace chosen here.</p>;
  async function allow(origin: string) {
    setError(null);
    const granted = await browserPermissions.request({ origins: [patternFor(origin)] }).catch(() => false);
    if (!granted) setError(`Not allowed: requests from ${origin} keep going out as the admin workspace.`);
  }
  return (
    <div className="inline-form">
      <button type="button" onClick={() => void allow(origin)}>
        Allow on this site
      </button>
      <span className="muted">so {origin} can act as a sub workspace too</span>
      {error && <Alert message={error} onDismiss={() => setError(null)} />}
    </div>
  );
}
