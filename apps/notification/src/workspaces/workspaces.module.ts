import { Module } from '@nestjs/common';
import { WorkspaceDirectory } from './workspace-directory.service';

@Module({ providers: [WorkspaceDirectory] })
export class WorkspacesModule {}
