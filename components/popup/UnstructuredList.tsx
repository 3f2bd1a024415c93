import type { UnstructuredWorkspace } from '@/lib/common/model';
import { Alert } from '../Alert';
import { useRequest } from '../use-request';

/** The popup's Unstructured workspaces: which key is in use, and switching it. */
export function UnstructuredList({ workspaces, inUse }: { workspaces: UnstructuredWorkspace[]; inUse: string | null }) {
  const request = useRequest();
  if (workspaces.length === 0) return null;
  const current = workspaces.find((w) => w.id === inUse);
  return (
    <section className="card" aria-labelledby="u-list-heading">
      <div className="bar">
        <h2 id="u-list-heading">Unstructured</h2>
        {current && (
          <button type="button" onClick={() => void request.run({ type: 'useUnstructured', id: null })}>
            Turn off Unstructured key
          </button>
        )}
      </div>
      <p className="muted">
        {current ? `Using the key of ${current.name}.` : 'No Unstructured key is added to requests.'}
      </p>
      <ul role="list" aria-label="Unstructured workspaces" className="plain">
        {workspaces.map((w) => (
          <li key={w.id} className="inline-form">
            <span className="grow">
              <strong>{w.name}</strong>
              {w.summary && (
                <span className="muted">
                  {' '}
                  · {w.summary.workflows} workflows · {w.summary.jobs} jobs
                </span>
              )}
              {w.id === inUse && <span className="chip acting-chip">in use</span>}
            </span>
            {w.id !== inUse && (
              <button
                type="button"
                aria-label={`Use ${w.name}`}
                onClick={() => void request.run({ type: 'useUnstructured', id: w.id })}
              >
                Use
              </button>
            )}
          </li>
        ))}
      </ul>
      {request.error && <Alert message={request.error} onDismiss={() => request.setError(null)} />}
    </section>
  );
}
