import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { errorMessage } from '../api/api-error';

interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

interface Toaster {
  info(text: string): void;
  error(error: unknown): void;
}

const ToastContext = createContext<Toaster>({ info: () => undefined, error: () => undefined });

export const useToasts = () => useContext(ToastContext);

/** Short messages in a live region: confirmations politely, errors assertively. */
export function ToastProvider(props: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((text: string, kind: Toast['kind']) => {
    const id = Date.now() + Math.random();
    setToasts((list) => [...list.slice(-1), { id, text, kind }]);
    setTimeout(() => setToasts((list) => list.filter((toast) => toast.id !== id)), 6000);
  }, []);
  const [toaster] = useState<Toaster>(() => ({
    info: (text) => push(text, 'info'),
    error: (error) => push(errorMessage(error), 'error'),
  }));
  return (
    <ToastContext.Provider value={toaster}>
      {props.children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <p key={toast.id} className={`toast ${toast.kind}`}>
            {toast.text}
          </p>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
