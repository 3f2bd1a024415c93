// The one queue helper: work put on a queue runs one at a time, in order, each after the last
// one settled (a failure does not wedge the ones after it).
export type Queue = <T>(work: () => Promise<T>) => Promise<T>;

export function serialQueue(): Queue {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = chain.then(work);
    chain = run.catch(() => undefined);
    return run;
  };
}

/**
 * State changes run one at a time: each reads storage after the previous one wrote it, so two
 * changes at once (a window closing several tabs, a sync finishing during a removal) cannot
 * write back each other's stale copies. Network calls stay outside: a slow server must not hold
 * up a switch. Never call exclusive() from inside exclusive(): it would wait for itself.
 */
export const exclusive: Queue = serialQueue();
