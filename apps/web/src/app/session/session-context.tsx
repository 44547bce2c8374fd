import { createContext, useContext } from 'react';
import type { Agent, Me, Settings, Team } from '../api/types';
import type { Session } from './session';

/** What every screen of a signed-in agent reads: the session, who they are, the directory. */
export interface DeskContext {
  session: Session;
  me: Me & { agent: Agent };
  agents: Agent[];
  teams: Team[];
  settings: Settings | undefined;
  reloadDirectory(): Promise<void>;
}

export const DeskContextValue = createContext<DeskContext | undefined>(undefined);

export function useDesk(): DeskContext {
  const value = useContext(DeskContextValue);
  if (!value) throw new Error('useDesk outside a signed-in screen');
  return value;
}
