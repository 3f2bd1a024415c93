// The fake API in a process of its own (forked by session.ts), so that the time it stamps on
// each arriving request is not delayed by the benchmark's own work (Playwright, JSON of the
// control routes) on a shared event loop. Talks to its parent over IPC:
//   child → parent: { type: 'ready', port, url, cert, spki }
//   parent → child: { id, type: 'seed', subWorkspaces, secondAgency } → { id, result } or { id, error }
//   parent → child: { type: 'close' }
import { makeCertificate } from '../../test/fake-api/cert';
import { CERTIFICATE_HOSTS } from '../../test/fake-api/hosts';
import { seedAgency } from '../../test/fake-api/seed';
import { startFakeApi } from '../../test/fake-api/server';

type Message = { id: number; type: 'seed'; subWorkspaces: number; secondAgency?: number } | { type: 'close' };

const send = (message: unknown) => process.send?.(message);

const { key, cert, spki } = makeCertificate(CERTIFICATE_HOSTS);
const server = await startFakeApi({ port: 0, tls: { key, cert } });

process.on('message', (message: Message) => {
  if (message.type === 'close') {
    void server.close().finally(() => process.exit(0));
    return;
  }
  try {
    // The same seed the control route runs (POST /__control/seed), without its limits (5,000
    // sub workspaces, 100 in the second agency);
    // like the route's caller (FakeApiControl.reset), the log and conditions start empty.
    server.conditions.reset();
    send({
      id: message.id,
      result: seedAgency(server.store, { subWorkspaces: message.subWorkspaces, secondAgency: message.secondAgency }),
    });
  } catch (error) {
    send({ id: message.id, error: (error as Error).message });
  }
});
process.on('disconnect', () => void server.close().finally(() => process.exit(0)));

send({ type: 'ready', port: server.port, url: server.url, cert, spki });
