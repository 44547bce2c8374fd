import { IsPort, SERVICE_PORTS, ServiceConfig } from '@switchboard/config';

export class ApiGatewayConfig extends ServiceConfig {
  @IsPort()
  API_GATEWAY_PORT = SERVICE_PORTS['api-gateway'].port;
}
