// State changes run one at a time: each reads storage after the previous one wrote it, so two
// changes at once (a window closing several tabs, a sync finishing during a removal) cannot
// write back each other's stale copies. Network calls stay outside: a slow server must not hold
// up a switch. Never call exclusive() from inside exclusive(): it would wait for itself.
let chain: Promise<unknown> = Promise.resolve();

export function exclusive<T>(change: () => Promise<T>): Promise<T> {
  const run = chain.then(change);
  chain = run.catch(() => undefined);
  return run;
}
