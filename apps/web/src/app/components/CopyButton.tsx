import { useState } from 'react';

/**
 * Copies a text to the clipboard and says so next to the button (in a live region). Where the
 * clipboard is refused, it says to select the text instead.
 */
export function CopyButton(props: { text: string; label: string }) {
  const [said, setSaid] = useState('');
  return (
    <span className="copy">
      <button
        type="button"
        onClick={() => {
          navigator.clipboard.writeText(props.text).then(
            () => setSaid('Copied.'),
            () => setSaid('Copying was refused: select the text and copy it.'),
          );
        }}
      >
        {props.label}
      </button>
      <span className="muted" role="status">
        {said}
      </span>
    </span>
  );
}
