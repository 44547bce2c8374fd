import { ROLES, type Role } from '@switchboard/contracts';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class LoginBody {
  @IsEmail()
  email: string;

  @IsString()
  @Length(1, 200)
  password: string;

  /** Only needed when the email belongs to agents of several workspaces. */
  @IsOptional()
  @IsUUID()
  workspaceId?: string;
}

export class RefreshBody {
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class CreateApiTokenBody {
  @IsString()
  @Length(1, 100)
  name: string;

  @IsIn(ROLES)
  role: Role;
}
