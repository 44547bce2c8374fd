import { IsEmail, IsString, IsUUID, Length } from 'class-validator';
import { ActorRequest } from '../common';

export const SET_CREDENTIALS_V1 = 'helpdesk.cmd.credentials.set.v1';
/**
 * Sets an agent's login password (api-gateway keeps the argon2id hash). The system (the demo
 * seed, provisioning) or an admin of the agent's workspace.
 */
export class SetCredentialsV1 extends ActorRequest {
  @IsUUID()
  agentId: string;

  @IsEmail()
  email: string;

  @IsString()
  @Length(8, 200)
  password: string;
}
