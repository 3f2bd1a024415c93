import { useCallback, useState } from 'react';
import { send, type Request } from '@/lib/common/messages';
import type { Reply } from '@/lib/common/reply';

/** Sends a request to the background and keeps its error (a sentence) for an alert. */
export function useRequest() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Sends it and answers the whole reply. */
  const call = useCallback(async (request: Request): Promise<Reply> => {
    setBusy(true);
    setError(null);
    const reply = await send(request);
    setBusy(false);
    if (!reply.ok && !reply.noticed) setError(reply.error);
    return reply;
  }, []);
  const run = useCallback(async (request: Request) => (await call(request)).ok, [call]);
  return { busy, error, setError, run, call };
}
