import { age } from '@/lib/pages/age';
import type { GlanceRun } from '@/lib/common/model';
import { Alert } from '../Alert';
import { useRequest } from '../use-request';

export interface GlanceBarProps {
  run: GlanceRun | null;
  attentionFirst: boolean;
  /** Shown workspaces whose figures could not all be read (each row says why). */
  failed: number;
}

/** Refresh glance, its progress, and the "Needs attention first" order. */
export function GlanceBar({ run, attentionFirst, failed }: GlanceBarProps) {
  const request = useRequest();
  const running = run?.running ?? false;
  return (
    <>
      <div className="glance-bar">
        <button
          type="button"
          onClick={() => void request.run({ type: 'refreshGlance' })}
          disabled={running || request.busy}
          aria-busy={running}
        >
          Refresh glance
        </button>
        {/* Not a live region: a long run would announce itself every second. */}
        <span className="muted grow">
          {running && run
            ? `${run.done} of ${run.total} workspaces`
            : run?.finishedAt
              ? `read ${age(run.finishedAt)}`
              : ''}
        </span>
        <label className="check muted">
          <input
            type="checkbox"
            checked={attentionFirst}
            onChange={(event) => void request.run({ type: 'setAttentionFirst', on: event.target.checked })}
          />
          Needs attention first
        </label>
      </div>
      {request.error && <Alert message={request.error} onDismiss={() => request.setError(null)} />}
      {run?.error && !running && <Alert message={run.error} />}
      {failed > 0 && (
        <Alert
          message={`${failed === 1 ? '1 workspace' : `${failed} workspaces`} could not be fully read: ${failed === 1 ? 'its row says' : 'their rows say'} why.`}
        />
      )}
    </>
  );
}
