import { useEffect, useState } from 'react';
import { browserPermissions } from '@/lib/common/sites/permissions';

const NOTIFICATIONS = { permissions: ['notifications'] };

/** System notifications are optional: without them, news shows in the popup and the badge. */
export function NotifyToggle() {
  const [on, setOn] = useState(false);
  useEffect(() => {
    void browserPermissions
      .contains(NOTIFICATIONS)
      .then(setOn)
      .catch(() => setOn(false));
  }, []);
  async function toggle(want: boolean) {
    const ok = want
      ? await browserPermissions.request(NOTIFICATIONS).catch(() => false)
      : await browserPermissions.remove(NOTIFICATIONS).catch(() => false);
    setOn(want ? ok : !ok);
  }
  return (
    <label className="check">
      <input type="checkbox" checked={on} onChange={(event) => void toggle(event.target.checked)} />
      Notify me when an invitation is accepted
    </label>
  );
}
