import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log';
import { EMPTY_POLICY, parsePolicy, type Policy } from './policy-schema';

/**
 * Finds, reads and checks the machine's policy file. Plain Node (no
 * Electron), so the web shell, the core's utility process and Electron's
 * main process all read the same file the same way.
 */
export const POLICY_FILE_ENV = 'LEDE_POLICY_FILE';
const MAX_POLICY_BYTES = 1024 * 1024;

/** Where newsroom IT puts policy.json on each system (docs/product.md, Deployment); LEDE_POLICY_FILE overrides it. */
export function policyFilePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const override = env[POLICY_FILE_ENV];
  if (override && override.trim() !== '') return path.resolve(override);
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData';
    return path.win32.join(programData, 'Lede', 'policy.json');
  }
  if (platform === 'darwin') return '/Library/Application Support/Lede/policy.json';
  return '/etc/lede/policy.json';
}

export interface PolicyLoad {
  /** The policy to apply: the empty policy when there is no file or it could not be used. */
  policy: Policy;
  file: string;
  /** 'none': no policy file (the usual case on a private machine). */
  source: 'file' | 'none' | 'unusable';
  /** For the person, when a file exists but could not be applied; null otherwise. */
  problem: string | null;
}

/** The file system calls the loader makes; tests inject failures (e.g. EACCES, which root never sees). */
export interface PolicyFs {
  readFileSync(file: string): Buffer;
  statSync(file: string): { isFile(): boolean; size: number };
}

const realFs: PolicyFs = { readFileSync: (file) => fs.readFileSync(file), statSync: (file) => fs.statSync(file) };

/**
 * Reads the policy. Never throws: a file that cannot be read or is not a
 * valid policy gives the defaults and a `problem` the UI shows, so a broken
 * policy never keeps people from working. Unknown keys are logged and skipped.
 */
export function loadPolicy(options: { file?: string; log: Logger; fs?: PolicyFs }): PolicyLoad {
  const file = options.file ?? policyFilePath();
  const fsApi = options.fs ?? realFs;
  const { log } = options;
  const unusable = (reason: string): PolicyLoad => {
    log.warn('policy file not applied; using defaults', { file, reason });
    return {
      policy: EMPTY_POLICY,
      file,
      source: 'unusable',
      problem: `Your newsroom's policy file (${file}) ${reason}. Lede is using its default settings; please tell your IT department.`,
    };
  };

  let text: string;
  try {
    const stat = fsApi.statSync(file);
    if (!stat.isFile()) return unusable('is not a file');
    if (stat.size > MAX_POLICY_BYTES) return unusable(`is larger than ${MAX_POLICY_BYTES / 1024} KB`);
    text = fsApi.readFileSync(file).toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { policy: EMPTY_POLICY, file, source: 'none', problem: null };
    return unusable(`could not be read (${code ?? (error as Error).message})`);
  }

  let raw: unknown;
  try {
    // A BOM is what Notepad writes; JSON.parse would refuse it.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return unusable(`is not valid JSON (${(error as Error).message})`);
  }
  const parsed = parsePolicy(raw);
  if (!parsed.ok) return unusable(`is not a valid policy: ${parsed.problem}`);
  for (const key of parsed.unknownKeys) log.warn('policy: ignoring unknown key', { file, key: key.slice(0, 100) });
  for (const name of parsed.unknownLocks) log.warn('policy: ignoring unknown name in lockedSettings', { file, name: name.slice(0, 100) });
  log.info('policy applied', { file, locked: parsed.policy.locked, updates: parsed.policy.updates.enabled });
  return { policy: parsed.policy, file, source: 'file', problem: null };
}
