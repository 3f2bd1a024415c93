/** The extension's keyboard commands (suggested keys are in the manifest). */
export const COMMANDS = {
  next: 'cycle-next-workspace',
  previous: 'cycle-previous-workspace',
} as const;
