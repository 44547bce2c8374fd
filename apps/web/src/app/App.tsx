import { Suspense, lazy, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { errorMessage } from './api/api-error';
import type { Agent, Me, Settings } from './api/types';
import { navigate, usePath } from './components/route';
import { DeskPage } from './desk/DeskPage';
import { LoginPage, Logo } from './session/LoginPage';
import { Session, type EndReason } from './session/session';
import { DeskContextValue, type DeskContext } from './session/session-context';

/** Admin screens load only when an admin opens them: agents do not download them. */
const AdminPage = lazy(() =>
  import('./admin/AdminPage').then((module) => ({ default: module.AdminPage })),
);

type State =
  | { kind: 'starting' }
  | { kind: 'signed-out'; ended?: EndReason }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; context: Omit<DeskContext, 'session' | 'reloadDirectory'> };

/** Signs in (or resumes the tab's session), loads who the agent is, then shows desk or admin. */
export function App() {
  const [state, setState] = useState<State>({ kind: 'starting' });
  const session = useMemo(
    () => new Session((reason) => setState({ kind: 'signed-out', ended: reason })),
    [],
  );
  const path = usePath();

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const [me, agents, teams, settings] = await Promise.all([
        session.call((api) => api.GET('/api/v1/me')),
        session.call((api) => api.GET('/api/v1/agents')),
        session.call((api) => api.GET('/api/v1/teams')),
        session.call((api) => api.GET('/api/v1/settings')).catch(() => undefined),
      ]);
      if (!me.agent) throw new Error('The desk is for agents: an API token cannot sign in here.');
      setState({
        kind: 'ready',
        context: {
          me: me as Me & { agent: Agent },
          agents: agents.items,
          teams: teams.items,
          settings: settings as Settings | undefined,
        },
      });
    } catch (error) {
      if (session.signedIn) setState({ kind: 'failed', message: errorMessage(error) });
    }
  }, [session]);

  useEffect(() => {
    void session.resume().then((resumed) => {
      if (resumed) void load();
      else setState((current) => (current.kind === 'starting' ? { kind: 'signed-out' } : current));
    });
  }, [session, load]);

  const reloadDirectory = useCallback(async () => {
    const [agents, teams] = await Promise.all([
      session.call((api) => api.GET('/api/v1/agents')),
      session.call((api) => api.GET('/api/v1/teams')),
    ]);
    setState((current) =>
      current.kind === 'ready'
        ? {
            kind: 'ready',
            context: { ...current.context, agents: agents.items, teams: teams.items },
          }
        : current,
    );
  }, [session]);

  switch (state.kind) {
    case 'starting':
    case 'loading':
      return <Splash text="Loading the desk…" />;
    case 'signed-out':
      return <LoginPage session={session} ended={state.ended} onLoggedIn={() => void load()} />;
    case 'failed':
      return (
        <Splash text={state.message} role="alert">
          <button type="button" onClick={() => void load()}>
            Try again
          </button>
          <button type="button" onClick={() => void session.logout()}>
            Sign out
          </button>
        </Splash>
      );
    case 'ready': {
      const context: DeskContext = { ...state.context, session, reloadDirectory };
      const admin = path.startsWith('/admin');
      return (
        <DeskContextValue.Provider value={context}>
          {admin && context.me.role === 'admin' ? (
            <Suspense fallback={<Splash text="Loading the admin screens…" />}>
              <AdminPage />
            </Suspense>
          ) : (
            <DeskPage key="desk" onAdmin={() => navigate('/admin')} />
          )}
        </DeskContextValue.Provider>
      );
    }
  }
}

function Splash(props: { text: string; role?: 'alert'; children?: ReactNode }) {
  return (
    <main className="splash">
      <Logo />
      <p role={props.role ?? 'status'}>{props.text}</p>
      {props.children}
    </main>
  );
}
