import { Payload } from '@nestjs/microservices';
import {
  SET_CREDENTIALS_V1,
  SetCredentialsV1,
  VERIFY_ACCESS_TOKEN_V1,
  VerifyAccessTokenV1,
} from '@switchboard/contracts';
import { NatsController, OnRequest } from '@switchboard/messaging';
import { AuthService } from './auth.service';

@NatsController()
export class CredentialsNatsController {
  constructor(private readonly auth: AuthService) {}

  @OnRequest(SET_CREDENTIALS_V1)
  set(@Payload() command: SetCredentialsV1) {
    return this.auth.setCredentials(command);
  }

  @OnRequest(VERIFY_ACCESS_TOKEN_V1)
  verifyAccessToken(@Payload() query: VerifyAccessTokenV1) {
    return this.auth.verifyAccessToken(query.token);
  }
}
