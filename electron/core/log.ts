import fs from 'node:fs';
import path from 'node:path';
import { PRIVATE_FILE_MODE, makePrivateDir, makePrivateFile } from './files/private-files';

/**
 * One small logger for core. Lines go to `<data dir>/logs/lede.log` (and to
 * stderr for warnings and errors). Never log story text or tokens: log ids,
 * counts and error codes.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const MAX_LOG_BYTES = 5 * 1024 * 1024;

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(logDir: string | null, minLevel: LogLevel = 'info'): Logger {
  let file: string | null = null;
  if (logDir) {
    makePrivateDir(logDir);
    file = path.join(logDir, 'lede.log');
    rotateIfLarge(file);
    makePrivateFile(file);
  }
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[minLevel]) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${fields ? ` ${safeJson(fields)}` : ''}\n`;
    if (file) {
      try {
        fs.appendFileSync(file, line, { mode: PRIVATE_FILE_MODE });
      } catch {
        // A full disk must not take the app down with it; stderr still has it.
      }
    }
    if (ORDER[level] >= ORDER.warn) process.stderr.write(line);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

function rotateIfLarge(file: string): void {
  try {
    if (fs.statSync(file).size > MAX_LOG_BYTES) fs.renameSync(file, `${file}.1`);
  } catch {
    // No log yet.
  }
}

function safeJson(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields, (_key, value) => (value instanceof Error ? `${value.name}: ${value.message}` : value));
  } catch {
    return '{}';
  }
}

/** For tests and tools that do not want log files. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
