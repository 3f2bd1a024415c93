// The one sentence for "this workspace can't be acted as", said by the background when it refuses
// and by the popup before it asks (Enter on a pending row), so the two never drift apart.
import type { MemberStatus } from './model';

export const cannotActAs = (name: string, status: MemberStatus) =>
  `${name} can’t be acted as yet: its invitation is ${status}. Only accepted sub workspaces can be acted as.`;
