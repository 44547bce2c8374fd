import { errorMessage } from '../api/api-error';
import type { Loaded } from './use-load';

/** Loading and error states of a screen; nothing once the data is there. */
export function LoadState(props: { loaded: Loaded<unknown>; what: string; retry(): void }) {
  if (props.loaded.state === 'loading')
    return (
      <p className="empty" role="status">
        Loading {props.what}…
      </p>
    );
  if (props.loaded.state === 'error')
    return (
      <div className="warning" role="alert">
        <span>
          The {props.what} could not be loaded: {errorMessage(props.loaded.error)}
        </span>
        <button type="button" onClick={props.retry}>
          Try again
        </button>
      </div>
    );
  return null;
}
