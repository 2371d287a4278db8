export * from './types';
export * from './tenants';
export { openSqliteStores, type SqliteStoreOptions } from './sqlite';
export { openCosmosStores, type CosmosStoreOptions, COSMOS_CONTAINERS } from './cosmos';
