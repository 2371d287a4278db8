export * from './types';
export { openSqliteStores, type SqliteStoreOptions } from './sqlite';
export { openCosmosStores, type CosmosStoreOptions, COSMOS_CONTAINERS } from './cosmos';
