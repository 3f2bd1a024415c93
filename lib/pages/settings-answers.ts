// The background's answers to an export or an import, checked on arrival in the settings page.
import { z } from 'zod/mini';
import { SettingsFile, type ImportReport } from '../common/settings-file';

const Report: z.ZodMiniType<ImportReport> = z.object({
  added: z.array(z.string()),
  skipped: z.array(z.string()),
  unchanged: z.number(),
  sitesToAllow: z.array(z.string()),
  unstructuredSitesToConfirm: z.array(z.string()),
  notifications: z.boolean(),
  unstructuredToAdd: z.array(z.object({ name: z.string(), apiBase: z.string() })),
  instantlyToConnect: z.array(z.object({ workspaceId: z.string(), workspaceName: z.string() })),
});

const Failed = z.object({ ok: z.literal(false), error: z.string() });
export const ExportAnswer = z.union([z.object({ ok: z.literal(true), file: SettingsFile }), Failed]);
export const ImportAnswer = z.union([z.object({ ok: z.literal(true), report: Report }), Failed]);
