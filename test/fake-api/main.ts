// The demo server: `tsx test/fake-api/main.ts [--port 8443] [--seed demo|N]` starts the fake over
// TLS, seeded, and prints the keys and the Chromium flags that send the real host names to it.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { makeCertificate, type Certificate } from './cert';
import { BROWSER_HOSTS, CERTIFICATE_HOSTS, hostResolverRules } from './hosts';
import { seedAgency, seedDemo, type SeedResult } from './seed';
import { startFakeApi, type FakeApi } from './server';

export interface DemoApiOptions {
  /** Default 8443; 0 for a free port. */
  port?: number;
  /** 'demo' (default): seedDemo; a number: seedAgency with that many sub workspaces. */
  seed?: 'demo' | number;
}

export interface DemoApi {
  api: FakeApi;
  seed: SeedResult;
  certificate: Certificate;
  /** --host-resolver-rules and --ignore-certificate-errors-spki-list for Chromium. */
  chromiumFlags: string[];
}

export async function startDemoApi(options: DemoApiOptions = {}): Promise<DemoApi> {
  const certificate = makeCertificate(CERTIFICATE_HOSTS);
  const api = await startFakeApi({ port: options.port ?? 8443, tls: certificate });
  const seed =
    options.seed === undefined || options.seed === 'demo'
      ? seedDemo(api.store)
      : seedAgency(api.store, {
          subWorkspaces: options.seed,
          unstructuredWorkspaces: ['Production pipelines', 'Research sandbox'],
        });
  const chromiumFlags = [
    `--host-resolver-rules=${hostResolverRules(api.port)}`,
    `--ignore-certificate-errors-spki-list=${certificate.spki}`,
  ];
  return { api, seed, certificate, chromiumFlags };
}

/** The keys a person trying the demo needs, as printable rows. */
export function describeKeys(seed: SeedResult): [string, string][] {
  const accepted = seed.subs.filter((s) => s.status === 'accepted').length;
  return [
    [`admin workspace "${seed.admin.name}" (owner, ${seed.subs.length} subs, ${accepted} accepted)`, seed.adminKey],
    ...(seed.secondAgency
      ? [
          [
            `a second agency "${seed.secondAgency.admin.name}" (owner, ${seed.secondAgency.subs.length} subs): add it beside the first`,
            seed.secondAgency.adminKey,
          ] as [string, string],
        ]
      : []),
    ['admin workspace, read scopes only', seed.readOnlyKey],
    ['admin workspace, member role (cannot invite/remove)', seed.adminMemberKey],
    ['admin workspace, revoked', seed.revokedKey],
    ['accepted sub workspace (owner: can leave)', seed.subKey],
    ['accepted sub workspace (member: cannot leave)', seed.subMemberKey],
    ['workspace in no group', seed.loneKey],
    ['workspace without a paid plan (402)', seed.unpaidKey],
    ...seed.invitable.map((w): [string, string] => [`invitable: ${w.name} ${w.id}`, w.ownerKey]),
    ...seed.unstructuredKeys.map((u): [string, string] => [`Unstructured: ${u.name}`, u.key]),
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, seed: { type: 'string' } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !Number.isInteger(port)) throw new Error(`--port must be a number, got ${values.port}`);
  const seedArg = values.seed ?? 'demo';
  const seed = seedArg === 'demo' ? 'demo' : Number(seedArg);
  if (seed !== 'demo' && !(Number.isInteger(seed) && seed >= 0))
    throw new Error(`--seed must be "demo" or a number, got ${seedArg}`);

  const demo = await startDemoApi({ port, seed });
  const rows = describeKeys(demo.seed);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    `Fake Instantly + Unstructured API on ${demo.api.url}`,
    `  answering as ${BROWSER_HOSTS.map((h) => `https://${h}`).join(', ')}`,
    `  in a browser started with the flags below.`,
    '',
    'Keys',
    ...rows.map(([label, key]) => `  ${label.padEnd(width)}  ${key}`),
    '',
    'Chromium flags',
    ...demo.chromiumFlags.map((flag) => `  '${flag}'`),
    '',
    'Pages',
    `  https://app.instantly.ai/demo#key=${demo.seed.adminKey}   "Who am I?" with the admin key filled in`,
    `  POST https://developer.instantly.ai/_mintlify/api/request   the API playground proxy (test/fake-api/pages.ts)`,
    '',
    `Control: ${demo.api.url}/__control/state, /__control/requests (see test/fake-api/control.ts)`,
    'Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));

  const stop = () => {
    demo.api.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
