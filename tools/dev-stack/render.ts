/** pino's numeric levels, which every service logs with, and their names. */
export const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type Level = keyof typeof LEVELS;

interface PinoLine {
  level: number;
  msg?: unknown;
  context?: unknown;
  err?: { message?: unknown; stack?: unknown };
  stack?: unknown;
  req?: { method?: unknown; url?: unknown };
  res?: { statusCode?: unknown };
  responseTime?: unknown;
}

/** A child's log line, ready to print: its level, its text (possibly several lines). */
export interface RenderedLine {
  level: number;
  text: string;
}

/**
 * Nest's wiring chatter at startup (a dozen lines per service, times seven): shown at
 * LOG_LEVEL=debug only, so that `npm start` at info shows what a developer reads.
 */
const WIRING_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
  'NestMicroservice',
]);

export function levelName(level: number): string {
  const found = (Object.keys(LEVELS) as Level[]).find((name) => LEVELS[name] === level);
  return (found ?? String(level)).toUpperCase();
}

function parse(line: string): PinoLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as PinoLine).level === 'number'
    )
      return value as PinoLine;
  } catch {
    // Not JSON after all: printed as it is.
  }
  return undefined;
}

/** `GET /api/tickets 200 (12 ms)` for pino-http's request lines. */
function requestSuffix(entry: PinoLine): string {
  if (!entry.req || typeof entry.req.method !== 'string') return '';
  const status = entry.res?.statusCode ?? '';
  const time = typeof entry.responseTime === 'number' ? ` (${entry.responseTime} ms)` : '';
  return ` ${entry.req.method} ${String(entry.req.url)} ${String(status)}${time}`;
}

function stackOf(entry: PinoLine): string | undefined {
  const stack = entry.err?.stack ?? entry.stack;
  return typeof stack === 'string' ? stack : undefined;
}

/**
 * Turns one pino JSON line into `context: message`, with a request's method, URL and status and
 * an error's stack below it. Anything that is not a pino line gives `undefined`.
 */
export function renderPinoLine(line: string): RenderedLine | undefined {
  const entry = parse(line);
  if (!entry) return undefined;
  const context = typeof entry.context === 'string' ? entry.context : '';
  const message =
    typeof entry.msg === 'string' ? entry.msg : String(entry.err?.message ?? entry.msg ?? '');
  let text = `${context ? `${context}: ` : ''}${message}${requestSuffix(entry)}`;
  const stack = stackOf(entry);
  if (stack && entry.level >= LEVELS.error) text += `\n${stack}`;
  const level =
    WIRING_CONTEXTS.has(context) && entry.level === LEVELS.info ? LEVELS.debug : entry.level;
  return { level, text };
}
