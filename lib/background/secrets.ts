// API keys. A key lives in storage.session (gone when the browser closes) unless the user chose
// "Remember on this device" (storage.local). Never storage.sync, never logged, never in a page:
// only the background reads these.
import { storage } from 'wxt/utils/storage';

export interface Secret {
  get(): Promise<string | null>;
  set(value: string, remember: boolean): Promise<void>;
  clear(): Promise<void>;
}

export function secret(name: string): Secret {
  const session = storage.defineItem<string>(`session:secret:${name}`);
  const local = storage.defineItem<string>(`local:secret:${name}`);
  return {
    async get() {
      return (await session.getValue()) ?? (await local.getValue());
    },
    async set(value, remember) {
      // One copy only: the other area is cleared so "forget" and "don't remember" mean what they say.
      if (remember) await Promise.all([local.setValue(value), session.removeValue()]);
      else await Promise.all([session.setValue(value), local.removeValue()]);
    },
    async clear() {
      await Promise.all([session.removeValue(), local.removeValue()]);
    },
  };
}

export const instantlyKey = secret('instantly');
export const unstructuredKey = (workspaceId: string) => secret(`unstructured:${workspaceId}`);
