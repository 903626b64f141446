/**
 * The sync server's log: one line per event on stderr (stdout carries only
 * the "listening" line and CLI output). Never logs tokens or document text:
 * names, counts, codes.
 */
export type ServerLogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<ServerLogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface ServerLog {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createServerLog(minLevel: ServerLogLevel = 'info', write: (line: string) => void = (line) => process.stderr.write(line)): ServerLog {
  const emit = (level: ServerLogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    let extra = '';
    if (fields) {
      try {
        extra = ` ${JSON.stringify(fields, (_key, value) => (value instanceof Error ? `${value.name}: ${value.message}` : value))}`;
      } catch {
        extra = '';
      }
    }
    write(`${new Date().toISOString()} ${level.toUpperCase()} ${message}${extra}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}
