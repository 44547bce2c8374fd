import { Module } from '@nestjs/common';
import { WidgetSettingsService } from './widget-settings.service';
import { WidgetNatsController } from './widget.nats-controller';

@Module({
  controllers: [WidgetNatsController],
  providers: [WidgetSettingsService],
  exports: [WidgetSettingsService],
})
export class WidgetModule {}
