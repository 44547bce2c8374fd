import { DynamicModule, Module } from '@nestjs/common';
import { infrastructureModules } from '@switchboard/messaging';
import { ApiGatewayConfig } from './config';
import { apiGatewayDatabase } from './database';

@Module({})
export class ApiGatewayModule {
  static forRoot(config: ApiGatewayConfig): DynamicModule {
    return {
      module: ApiGatewayModule,
      imports: [
        ...infrastructureModules({
          service: 'api-gateway',
          config,
          database: apiGatewayDatabase,
        }),
      ],
      providers: [{ provide: ApiGatewayConfig, useValue: config }],
    };
  }
}
