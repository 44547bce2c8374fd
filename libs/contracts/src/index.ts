export * from './actor';
export * from './envelope';
export * from './errors';
export * from './subject-map';
export * from './messages/system/ping.v1';
export * from './messages/workspace/create-workspace.v1';
export * from './messages/workspace/workspace-created.v1';
