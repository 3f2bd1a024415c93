// The fake Instantly (and Unstructured) API: what tests, the demo and `npm start` import.
export { startFakeApi, type FakeApi, type StartFakeApiOptions } from './server';
export { Store, ApiProblem, SCOPES, counterUuid, CONFLICT_ACTIVE_PARENT } from './store';
export type {
  Role,
  MembershipStatus,
  WorkspaceRecord,
  ApiKeyRecord,
  MembershipRecord,
  WorkspaceGroupMemberBody,
  WorkspaceBody,
  AdminOfCurrentBody,
  MemberPageBody,
  StoreSnapshot,
} from './store';
export {
  seedAgency,
  seedDemo,
  CLIENT_NAMES,
  type SeedOptions,
  type SeedResult,
  type SeededSub,
  type GlanceSummary,
} from './seed';
export {
  ACCOUNT_STATUSES,
  WARMUP_STATUSES,
  PROVIDER_CODES,
  inTrouble,
  type AccountRecord,
  type AccountBody,
  type AccountPageBody,
  type GlanceRecord,
} from './glance';
export { makeCertificate, type Certificate } from './cert';
export {
  Conditions,
  FaultSchema,
  MEMBER_LIST_PATH,
  type Fault,
  type RequestLogEntry,
  type AccountInput,
} from './control';
export { DEMO_PAGE, DEMO_PATH, MINTLIFY_PROXY_PATH } from './pages';
export type { FaultyPage } from './list-faults';
export { call, FakeApiControl, type CallOptions, type CallResult } from './client';
export {
  INSTANTLY_API_HOSTS,
  UNSTRUCTURED_API_HOSTS,
  PAGE_HOSTS,
  CERTIFICATE_HOSTS,
  BROWSER_HOSTS,
  hostResolverRules,
} from './hosts';
export { DEFAULT_LIST_LIMIT } from './instantly';
export { startDemoApi, describeKeys, type DemoApi, type DemoApiOptions } from './main';
