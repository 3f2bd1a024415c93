import { useEffect, useState } from 'react';
import { browserPermissions } from '@/lib/shared/permissions';

const NOTIFICATIONS = { permissions: ['notifications'] };

/** System notifications are optional: without them, news shows in the popup and the badge. */
export function NotifyToggle() {
  const [on, setOn] = useState(false);
  useEffect(() => {
    void browserPermissions.contains(NOTIFICATIONS).then(setOn).catch(() => setOn(false));
  }, []);
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={on}
        onChange={async (event) => {
          const want = event.target.checked;
          const ok = want
            ? await browserPermissions.request(NOTIFICATIONS).catch(() => false)
            : await browserPermissions.remove(NOTIFICATIONS).catch(() => false);
          setOn(want ? ok : !ok);
        }}
      />
      Notify me when an invitation is accepted
    </label>
  );
}
