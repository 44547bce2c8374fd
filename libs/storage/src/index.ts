export * from './attachment-storage';
export * from './content-meter';
export * from './disk-attachment-storage';
