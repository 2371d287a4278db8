/** Shared test helpers: token issuer and token matrix, rule factories, stores of either kind, the API under test. */
export * from './token-issuer';
export * from './tokens';
export * from './rules';
export * from './cosmos';
export * from './sqlite';
export * from './stores';
export * from './app';
export * from './tenants';
