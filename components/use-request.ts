import { useCallback, useState } from 'react';
import { send, type Request } from '@/lib/shared/messages';

/** Sends a request to the background and keeps its error (a sentence) for an alert. */
export function useRequest() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (request: Request) => {
    setBusy(true);
    setError(null);
    const reply = await send(request);
    setBusy(false);
    if (!reply.ok && !reply.noticed) setError(reply.error);
    return reply.ok;
  }, []);
  return { busy, error, setError, run };
}
