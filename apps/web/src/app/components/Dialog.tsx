import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

/**
 * A modal dialog on the native `<dialog>` element: focus moves into it and back, Escape closes
 * it, the rest of the page is inert meanwhile.
 */
export function Dialog(props: {
  title: string;
  onClose(): void;
  onSubmit?(): void | Promise<void>;
  submitLabel?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.onSubmit?.();
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-label={props.title}
      onClose={props.onClose}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2>{props.title}</h2>
        {props.children}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {props.onSubmit ? 'Cancel' : 'Close'}
          </button>
          {props.onSubmit && (
            <button type="submit" className="primary">
              {props.submitLabel ?? 'OK'}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
