export * from './windows-zones';
export * from './zone-time';
