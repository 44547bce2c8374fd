import { IsString, registerDecorator } from 'class-validator';

/** Fewer bytes than this are guessable: HS256 keys and HMAC secrets want at least 256 bits. */
export const MIN_SECRET_BYTES = 32;

/**
 * A secret variable (a signing key). In development it may keep its published default, so that
 * `npm test` and a first `npm start` need nothing; with `NODE_ENV=production` a missing, short
 * (< 32 bytes) or default value stops the service at startup (exit 78, naming the variable),
 * because anyone who read the source could forge with it.
 */
export function Secret(developmentDefault: string): PropertyDecorator {
  return (target, key) => {
    const name = String(key);
    IsString()(target, key);
    registerDecorator({
      name: 'secret',
      target: target.constructor,
      propertyName: name,
      validator: {
        validate(value: unknown, args) {
          if (typeof value !== 'string') return false;
          const production = (args?.object as { NODE_ENV?: string }).NODE_ENV === 'production';
          if (value === developmentDefault) return !production;
          return Buffer.byteLength(value, 'utf8') >= MIN_SECRET_BYTES;
        },
        defaultMessage: (args) =>
          args?.value === developmentDefault
            ? `${name} is the published development default, refused with NODE_ENV=production: set your own (at least ${MIN_SECRET_BYTES} random bytes)`
            : `${name} must be at least ${MIN_SECRET_BYTES} bytes`,
      },
    });
  };
}
