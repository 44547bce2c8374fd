import {
  ExecutionContext,
  SetMetadata,
  applyDecorators,
  createParamDecorator,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Actor, Role } from '@switchboard/contracts';
import type { Request } from 'express';
import { Principal } from './principal';

export const IS_PUBLIC = 'auth:public';
export const REQUIRED_ROLES = 'auth:roles';

/** Marks public operations in the OpenAPI document (which otherwise asks for a bearer token). */
export const PUBLIC_EXTENSION = 'x-public';

/** The route needs no token (login, refresh, the customers' public pages). */
export const Public = () =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));

/** Only these roles may call the route (settings are admin-only). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export type AuthenticatedRequest = Request & { principal?: Principal };

/** The caller's actor, to send along with every command. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal!.actor,
);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);
