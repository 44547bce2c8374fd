import { Module } from '@nestjs/common';
import { WorkspacesNatsController } from './workspaces.nats-controller';
import { WorkspacesService } from './workspaces.service';

@Module({
  controllers: [WorkspacesNatsController],
  providers: [WorkspacesService],
})
export class WorkspacesModule {}
