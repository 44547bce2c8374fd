import {
  DynamicModule,
  Logger,
  MiddlewareConsumer,
  Module,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { infrastructureModules } from '@switchboard/messaging';
import { webPublicDir, widgetPublicDir } from '@switchboard/static-files';
import { ApiGatewayConfig } from './config';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuthModule } from './auth/auth.module';
import { apiGatewayDatabase } from './database';
import { DeskModule } from './desk.module';
import { HttpErrorsFilter } from './http/http-errors.filter';
import { httpValidationPipe } from './http/http-validation.pipe';
import { IntegrationsModule } from './integrations/integrations.module';
import { KbModule } from './knowledge-base/kb.module';
import { PublicModule } from './public/public.module';
import { webUiMiddleware } from './web-ui.middleware';
import { publicTicketsCors, widgetFilesMiddleware } from './widget/widget-files.middleware';

@Module({})
export class ApiGatewayModule implements NestModule {
  constructor(private readonly config: ApiGatewayConfig) {}

  static forRoot(config: ApiGatewayConfig): DynamicModule {
    return {
      module: ApiGatewayModule,
      imports: [
        ...infrastructureModules({
          service: 'api-gateway',
          config,
          database: apiGatewayDatabase,
        }),
        AuthModule,
        DeskModule,
        AttachmentsModule,
        PublicModule,
        KbModule,
        IntegrationsModule,
      ],
      // The validated config is for every module of the gateway.
      global: true,
      providers: [
        { provide: ApiGatewayConfig, useValue: config },
        { provide: APP_FILTER, useClass: HttpErrorsFilter },
        { provide: APP_PIPE, useValue: httpValidationPipe },
      ],
      exports: [ApiGatewayConfig],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(publicTicketsCors)
      .forRoutes({ path: 'api/v1/public/tickets/{*path}', method: RequestMethod.ALL });
    this.serveWidget(consumer);
    let publicDir: string;
    try {
      publicDir = webPublicDir();
    } catch (error) {
      // The API is still worth serving without its UI.
      new Logger(ApiGatewayModule.name).warn(`not serving the web UI: ${(error as Error).message}`);
      return;
    }
    // GET (and so HEAD) only; the middleware passes on whatever is not one of the UI's files.
    consumer
      .apply(webUiMiddleware(publicDir, this.config.CHAT_PUBLIC_URL))
      .forRoutes({ path: '{*path}', method: RequestMethod.GET });
  }

  /** The chat widget's files (before the web UI's, whose folder has none of them). */
  private serveWidget(consumer: MiddlewareConsumer): void {
    let widgetDir: string;
    try {
      widgetDir = widgetPublicDir();
    } catch (error) {
      new Logger(ApiGatewayModule.name).warn(
        `not serving the chat widget: ${(error as Error).message}`,
      );
      return;
    }
    consumer
      .apply(widgetFilesMiddleware(widgetDir, this.config.CHAT_PUBLIC_URL))
      .forRoutes(
        { path: 'widget.js', method: RequestMethod.GET },
        { path: 'widget/{*path}', method: RequestMethod.GET },
      );
  }
}
