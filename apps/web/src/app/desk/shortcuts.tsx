import { useEffect, useRef } from 'react';
import { Dialog } from '../components/Dialog';

export type ShortcutName =
  'next' | 'previous' | 'reply' | 'note' | 'solve' | 'claim' | 'search' | 'help';

/** A command for the open ticket (reply, note, solve, claim), with when it was given. */
export interface DeskCommand {
  name: Exclude<ShortcutName, 'next' | 'previous' | 'search' | 'help'>;
  at: number;
}

export const SHORTCUTS: { key: string; name: ShortcutName; what: string }[] = [
  { key: 'j', name: 'next', what: 'Next ticket' },
  { key: 'k', name: 'previous', what: 'Previous ticket' },
  { key: 'r', name: 'reply', what: 'Reply to the customer' },
  { key: 'n', name: 'note', what: 'Write an internal note' },
  { key: 'c', name: 'claim', what: 'Claim the ticket' },
  { key: 's', name: 'solve', what: 'Solve the ticket' },
  { key: '/', name: 'search', what: 'Search (#22 opens ticket 22)' },
  { key: '?', name: 'help', what: 'This list' },
];

/** Single keys, ignored while typing in a field or with a modifier held, or with a dialog open. */
export function useShortcuts(onShortcut: (name: ShortcutName) => void): void {
  const handler = useRef(onShortcut);
  handler.current = onShortcut;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], dialog')) return;
      const shortcut = SHORTCUTS.find((entry) => entry.key === event.key);
      if (!shortcut) return;
      event.preventDefault();
      handler.current(shortcut.name);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

export function ShortcutsSheet(props: { onClose(): void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={props.onClose}>
      <dl className="shortcuts">
        {SHORTCUTS.map((entry) => (
          <div key={entry.key}>
            <dt>
              <kbd>{entry.key}</kbd>
            </dt>
            <dd>{entry.what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
