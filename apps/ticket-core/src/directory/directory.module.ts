import { Module } from '@nestjs/common';
import { AgentsService } from './agents.service';
import { DirectoryNatsController } from './directory.nats-controller';
import { TeamsService } from './teams.service';

@Module({
  controllers: [DirectoryNatsController],
  providers: [AgentsService, TeamsService],
})
export class DirectoryModule {}
