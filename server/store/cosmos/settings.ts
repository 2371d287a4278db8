import type { Container } from '@azure/cosmos';
import { StoreError, type SettingsRepository, type StoredSettings } from '../types';
import { mapCosmosError, readItem, stripSystem } from './util';
import type { CosmosChangeStamps } from './change-stamp';

/** One item per tenant, id "settings", in the tenant's partition. */
const SETTINGS_ID = 'settings';

type SettingsItem = Omit<StoredSettings, 'etag'> & { id: string };

function fromResource(resource: Record<string, unknown>): StoredSettings {
  const { doc, etag } = stripSystem<SettingsItem>(resource);
  const { id, ...settings } = doc;
  void id;
  return { ...settings, etag };
}

export class CosmosSettingsRepository implements SettingsRepository {
  constructor(
    private readonly container: Container,
    private readonly stamps: CosmosChangeStamps,
  ) {}

  /** A point read: the id is fixed, so no query (see CosmosRuleRepository.get). */
  async get(tenantId: string): Promise<StoredSettings | undefined> {
    const resource = await readItem(this.container, tenantId, SETTINGS_ID, 'settings');
    return resource ? fromResource(resource) : undefined;
  }

  /** Moves the tenant's change stamp once the settings are written (change-stamp.ts). */
  async put(settings: Omit<StoredSettings, 'etag'>, ifMatch: string | null): Promise<StoredSettings> {
    const stored = await this.write(settings, ifMatch);
    await this.stamps.bump(settings.tenantId);
    return stored;
  }

  private async write(settings: Omit<StoredSettings, 'etag'>, ifMatch: string | null): Promise<StoredSettings> {
    const item: SettingsItem = { ...settings, id: SETTINGS_ID };
    try {
      if (ifMatch === null) {
        const { resource } = await this.container.items.create(item);
        return fromResource(resource as unknown as Record<string, unknown>);
      }
      const { resource } = await this.container
        .item(SETTINGS_ID, settings.tenantId)
        .replace(item, { accessCondition: { type: 'IfMatch', condition: ifMatch } });
      return fromResource(resource as unknown as Record<string, unknown>);
    } catch (err) {
      if (err instanceof StoreError) throw err;
      try {
        return mapCosmosError(err, 'settings');
      } catch (mapped) {
        // Create-only that found existing settings is a precondition failure, like SQLite's.
        if (mapped instanceof StoreError && mapped.code === 'conflict') throw new StoreError('etag_mismatch', 'settings already exist');
        throw mapped;
      }
    }
  }
}
