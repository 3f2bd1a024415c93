// Shapes from Instantly's OpenAPI document (test/fake-api/instantly-openapi.json). Unknown fields are
// dropped rather than refused, so a field Instantly adds later does not break the extension.
import { z } from 'zod/mini';
import { MemberStatus, Uuid } from '../../shared/model';

export const WorkspaceGroupMember = z.object({
  id: Uuid,
  admin_workspace_id: Uuid,
  sub_workspace_id: Uuid,
  status: MemberStatus,
  timestamp_created: z.string(),
  timestamp_updated: z.string(),
  sub_workspace_name: z.optional(z.nullable(z.string())),
  admin_workspace_name: z.optional(z.nullable(z.string())),
});
export type WorkspaceGroupMember = z.infer<typeof WorkspaceGroupMember>;

export const MemberPage = z.object({
  items: z.array(WorkspaceGroupMember),
  next_starting_after: z.optional(z.string()),
});
export type MemberPage = z.infer<typeof MemberPage>;

export const AdminOfCurrent = z.object({
  // The literal "Undefined" when there is no admin workspace (api-facts A2).
  workspace_name: z.string(),
  has_admin_workspace: z.boolean(),
  workspace_group_member_id: z.optional(z.string()),
});
export type AdminOfCurrent = z.infer<typeof AdminOfCurrent>;

export const Workspace = z.object({
  id: Uuid,
  name: z.string(),
  owner: z.string(),
  timestamp_created: z.string(),
  timestamp_updated: z.string(),
});
export type Workspace = z.infer<typeof Workspace>;

/** Instantly's error body (Fastify's default shape, api-facts A7). */
export const ErrorBody = z.object({
  statusCode: z.optional(z.number()),
  error: z.optional(z.string()),
  message: z.optional(z.string()),
});

/**
 * countUnreadEmails and countLaunched both answer `{count}` (the document requires `count` only of
 * the second; an answer without it tells nothing, so it is refused for both).
 */
export const Count = z.object({ count: z.number() });

/**
 * An email account as the glance reads it (Account in the document): only what tells whether it
 * is in trouble. `status_message` is documented as an object; anything else is ignored.
 */
export const SendingAccount = z.object({
  email: z.string(),
  status: z.optional(z.nullable(z.number())),
  warmup_status: z.optional(z.nullable(z.number())),
  status_message: z.optional(z.unknown()),
});
export type SendingAccount = z.infer<typeof SendingAccount>;

/** A page of GET /accounts; its rows are read one by one, so one odd row never costs a workspace its figures. */
export const AccountPageEnvelope = z.object({
  items: z.array(z.unknown()),
  next_starting_after: z.optional(z.string()),
});
