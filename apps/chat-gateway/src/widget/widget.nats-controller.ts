import { Payload } from '@nestjs/microservices';
import {
  GET_WIDGET_SETTINGS_V1,
  GetWidgetSettingsV1,
  UPDATE_WIDGET_SETTINGS_V1,
  UpdateWidgetSettingsV1,
} from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { WidgetSettingsService } from './widget-settings.service';

@NatsController()
export class WidgetNatsController {
  constructor(private readonly widgets: WidgetSettingsService) {}

  @OnRequest(GET_WIDGET_SETTINGS_V1)
  get(@Payload() query: GetWidgetSettingsV1) {
    return this.widgets.get(query.actor);
  }

  @OnRequest(UPDATE_WIDGET_SETTINGS_V1)
  update(@Payload() command: UpdateWidgetSettingsV1) {
    return this.widgets.update(command);
  }
}
