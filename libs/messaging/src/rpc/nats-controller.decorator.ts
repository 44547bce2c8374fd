import { Controller, UseFilters, UseInterceptors, UsePipes, applyDecorators } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ReplyOf, RequestOf, RequestSubject } from '@switchboard/contracts';
import { ContractValidationPipe } from '../validation';
import { RpcContextInterceptor } from './rpc-context.interceptor';
import { RpcErrorFilter } from './rpc-error.filter';

const rpcValidationPipe = new ContractValidationPipe();

/**
 * Marks a class whose methods answer NATS requests: payloads are validated against their contract
 * class, failures leave as error envelopes, and each call carries its correlation id.
 */
export function NatsController(): ClassDecorator {
  return applyDecorators(
    Controller(),
    UsePipes(rpcValidationPipe),
    UseFilters(RpcErrorFilter),
    UseInterceptors(RpcContextInterceptor),
  );
}

type Handler<S extends RequestSubject> = (
  payload: RequestOf<S>,
  ...rest: never[]
) => Promise<ReplyOf<S>> | ReplyOf<S>;

/** Answers requests on a contract subject; the handler's payload and reply types must match it. */
export function OnRequest<S extends RequestSubject>(subject: S) {
  return <H extends Handler<S>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ): void => {
    MessagePattern(subject)(target, key, descriptor);
  };
}
