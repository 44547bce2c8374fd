import { Module } from '@nestjs/common';
import { WorkspaceSettingsService } from './workspace-settings.service';
import { WorkspacesNatsController } from './workspaces.nats-controller';
import { WorkspacesService } from './workspaces.service';

@Module({
  controllers: [WorkspacesNatsController],
  providers: [WorkspacesService, WorkspaceSettingsService],
})
export class WorkspacesModule {}
