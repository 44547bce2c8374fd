import { AppName, SERVICE_PORTS, SMTP_LISTENER } from '@switchboard/config';
import { StackError } from './errors';
import { portIsFree } from './net';

/** One port the stack's processes listen on, and the variable that moves it. */
export interface PortAssignment {
  /** The process that listens on it. */
  owner: AppName;
  variable: string;
  port: number;
}

export type PortPlan = { [A in AppName]: number } & { smtp: number };

function parsePort(variable: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535)
    throw new StackError(`${variable}=${raw} is not a port number (1-65535).`);
  return port;
}

/** Every port of the stack: each app's HTTP port and mail-ingest's SMTP listener, from the env. */
export function portAssignments(env: NodeJS.ProcessEnv): PortAssignment[] {
  const http = (Object.keys(SERVICE_PORTS) as AppName[]).map((owner) => ({
    owner,
    variable: SERVICE_PORTS[owner].variable,
    port: parsePort(SERVICE_PORTS[owner].variable, SERVICE_PORTS[owner].port, env),
  }));
  const smtp: PortAssignment = {
    owner: 'mail-ingest',
    variable: SMTP_LISTENER.variable,
    port: parsePort(SMTP_LISTENER.variable, SMTP_LISTENER.port, env),
  };
  return [...http, smtp];
}

export function portPlan(assignments: PortAssignment[]): PortPlan {
  const plan = Object.fromEntries(
    assignments.map((assignment) => [
      assignment.variable === SMTP_LISTENER.variable ? 'smtp' : assignment.owner,
      assignment.port,
    ]),
  );
  return plan as PortPlan;
}

/**
 * Fails before anything starts when two variables name one port or a port is taken, naming the
 * variable to change: far clearer than a service dying with EADDRINUSE among seven logs.
 */
export async function assertPortsUsable(assignments: PortAssignment[]): Promise<void> {
  const seen = new Map<number, PortAssignment>();
  for (const assignment of assignments) {
    const other = seen.get(assignment.port);
    if (other)
      throw new StackError(
        `${other.variable} and ${assignment.variable} are both ${assignment.port}; give each its own port.`,
      );
    seen.set(assignment.port, assignment);
  }
  const taken: PortAssignment[] = [];
  for (const assignment of assignments) {
    if (!(await portIsFree(assignment.port))) taken.push(assignment);
  }
  if (taken.length > 0) {
    const lines = taken.map((a) => `  ${a.port} (${a.owner}): set ${a.variable} to another port`);
    const example = `${taken[0].variable}=${taken[0].port + 100}`;
    throw new StackError(
      `Ports already in use:\n${lines.join('\n')}\n` +
        `Stop what holds them, or choose other ports, e.g. \`${example} npm start\`.`,
    );
  }
}
