/**
 * Opens a fresh, empty store of either kind for a test file. Cosmos tests share one in-process emulator
 * per file; each `open` gets its own database.
 */
import { openSqliteStores } from '../../server/store/sqlite';
import type { Stores } from '../../server/store/types';
import { startCosmosEmulator, type TestCosmos } from './cosmos';
import { tempSqliteDir, type TempDir } from './sqlite';

export type StoreKind = 'sqlite' | 'cosmos';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'cosmos'];

export interface StoreHarness {
  kind: StoreKind;
  /** A new, empty store. */
  open(): Promise<Stores>;
  /** Closes every store opened and the emulator / temp files. */
  close(): Promise<void>;
}

export async function storeHarness(kind: StoreKind): Promise<StoreHarness> {
  const opened: Stores[] = [];
  let cosmos: TestCosmos | undefined;
  let temp: TempDir | undefined;
  if (kind === 'cosmos') cosmos = await startCosmosEmulator();
  else temp = tempSqliteDir();
  return {
    kind,
    async open() {
      const stores = cosmos ? await cosmos.openStores() : openSqliteStores({ path: temp!.dbPath() });
      opened.push(stores);
      return stores;
    },
    async close() {
      for (const s of opened) await s.close();
      await cosmos?.close();
      temp?.remove();
    },
  };
}
