import { LOG_LEVELS } from '@switchboard/config';
import { LEVELS, Level, levelName, renderPinoLine } from './render';

export type LogLevel = (typeof LOG_LEVELS)[number];

const ANSI = {
  bold: 1,
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  gray: 90,
  brightBlue: 94,
  brightMagenta: 95,
  brightCyan: 96,
} as const;
type Colour = keyof typeof ANSI;

const SOURCE_COLOURS: Record<string, Colour> = {
  'api-gateway': 'cyan',
  'chat-gateway': 'magenta',
  'ticket-core': 'blue',
  'mail-ingest': 'yellow',
  notification: 'green',
  'knowledge-base': 'brightCyan',
  web: 'brightMagenta',
  'dev-stack': 'bold',
  seed: 'brightBlue',
  postgres: 'gray',
  nats: 'gray',
};

const LEVEL_COLOURS: Record<number, Colour> = {
  [LEVELS.trace]: 'gray',
  [LEVELS.debug]: 'blue',
  [LEVELS.info]: 'green',
  [LEVELS.warn]: 'yellow',
  [LEVELS.error]: 'red',
  [LEVELS.fatal]: 'red',
};

/** Colours on a terminal, never in a pipe or a file; NO_COLOR and FORCE_COLOR as usual. */
export function wantsColour(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return process.stdout.isTTY === true;
}

/**
 * Everything the stack prints: its own lines and every child's, each prefixed with the process
 * name padded to one width, so that seven interleaved logs stay readable.
 */
export class Output {
  private readonly width: number;
  private readonly threshold: number;

  constructor(
    readonly level: LogLevel,
    private readonly colour: boolean,
    sources: readonly string[],
  ) {
    this.width = Math.max(...sources.map((source) => source.length)) + 2;
    this.threshold = level === 'silent' ? Infinity : LEVELS[level];
  }

  enabled(level: Level | number): boolean {
    return (typeof level === 'number' ? level : LEVELS[level]) >= this.threshold;
  }

  /** The stack's own log lines. Errors are printed whatever LOG_LEVEL says: they explain an exit. */
  log(source: string, level: Level, message: string): void {
    if (!this.enabled(level) && LEVELS[level] < LEVELS.error) return;
    const stream = LEVELS[level] >= LEVELS.warn ? process.stderr : process.stdout;
    this.write(stream, source, LEVELS[level], message);
  }

  /** One line a child printed: pino JSON is rendered, anything else is kept as it is. */
  child(source: string, line: string, stream: 'stdout' | 'stderr'): void {
    const target = stream === 'stdout' ? process.stdout : process.stderr;
    const rendered = renderPinoLine(line);
    if (!rendered) {
      target.write(`${this.prefix(source)} ${line}\n`);
      return;
    }
    if (this.enabled(rendered.level)) this.write(target, source, rendered.level, rendered.text);
  }

  /** A block printed whatever LOG_LEVEL says: the URLs once the stack is up. */
  block(lines: string[]): void {
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  paint(colour: Colour, text: string): string {
    return this.colour ? `\x1b[${ANSI[colour]}m${text}\x1b[0m` : text;
  }

  private prefix(source: string): string {
    return this.paint(SOURCE_COLOURS[source] ?? 'bold', `[${source}]`.padEnd(this.width));
  }

  private write(stream: NodeJS.WriteStream, source: string, level: number, text: string): void {
    const head = `${this.prefix(source)} ${this.paint(LEVEL_COLOURS[level] ?? 'red', levelName(level).padEnd(5))} `;
    const [first, ...rest] = text.split('\n');
    const indent = ' '.repeat(this.width + 7);
    stream.write(`${head}${first}\n${rest.map((line) => `${indent}${line}\n`).join('')}`);
  }
}

/** A logger bound to one source, for the parts of the stack that report as themselves. */
export interface SourceLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function sourceLogger(output: Output, source: string): SourceLogger {
  return {
    debug: (message) => output.log(source, 'debug', message),
    info: (message) => output.log(source, 'info', message),
    warn: (message) => output.log(source, 'warn', message),
    error: (message) => output.log(source, 'error', message),
  };
}
