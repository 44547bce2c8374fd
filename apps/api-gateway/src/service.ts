import { ServiceDefinition } from '@switchboard/messaging';
import { ApiGatewayConfig } from './config';
import { ApiGatewayModule } from './api-gateway.module';
import { configureHttp } from './http/configure-http';

export const apiGatewayService: ServiceDefinition<ApiGatewayConfig> = {
  service: 'api-gateway',
  config: ApiGatewayConfig,
  module: (config) => ApiGatewayModule.forRoot(config),
  port: (config) => config.API_GATEWAY_PORT,
  configure: configureHttp,
};
