import { defaultDataDir } from '../core/paths';

export const DEFAULT_WEB_PORT = 4817;

export interface WebShellArgs {
  dataDir: string;
  port: number;
}

/** `--data-dir DIR` and `--port N` (0 = any free port). Anything else is an error with usage. */
export function parseWebShellArgs(argv: string[]): WebShellArgs {
  const args: WebShellArgs = { dataDir: defaultDataDir(), port: DEFAULT_WEB_PORT };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value.\n${USAGE}`);
      return v;
    };
    if (flag === '--data-dir') args.dataDir = value();
    else if (flag === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535.\n${USAGE}`);
      args.port = port;
    } else if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    else throw new Error(`Unknown option ${flag}.\n${USAGE}`);
  }
  return args;
}

export const USAGE = `Usage: npm run web -- [--data-dir DIR] [--port N]
  --data-dir DIR  library folder (default: ${defaultDataDir()})
  --port N        port on 127.0.0.1 (default: ${DEFAULT_WEB_PORT}; 0 picks a free one)`;
