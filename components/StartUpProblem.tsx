import { useCallback, useEffect, useState } from 'react';
import { Alert } from '@/components/Alert';
import { send } from '@/lib/common/messages';
import { startUpProblem } from '@/lib/common/storage';

type Problem = Awaited<ReturnType<typeof startUpProblem.get>>;

/**
 * Wakes the background when the page opens (a woken worker reconciles the rules before anything
 * else), and says so when its start-up fails: stored by the worker until a start-up succeeds.
 */
export function StartUpProblem() {
  const [problem, setProblem] = useState<Problem>(null);
  const [answer, setAnswer] = useState<{ error: string | null; at: number } | null>(null);
  const wake = useCallback(() => {
    void send({ type: 'startUp' }).then((reply) => setAnswer({ error: reply.ok ? null : reply.error, at: Date.now() }));
  }, []);
  useEffect(() => {
    const stop = startUpProblem.watch(setProblem);
    void startUpProblem.get().then(setProblem);
    wake();
    return stop;
  }, [wake]);
  // A start-up that succeeded since the problem was stored wins (the worker clears it a moment later).
  const stored = problem && !(answer && answer.error === null && answer.at >= problem.at) ? problem : null;
  if (!answer?.error && !stored) return null;
  const detail = stored ? ` (${stored.message})` : '';
  return (
    <Alert
      message={`${answer?.error ?? 'The extension’s background could not start, so switching and the other actions do nothing yet. It keeps trying.'}${detail}`}
      action={{ label: 'Try again', run: wake }}
    />
  );
}
