import type { CoreFailure } from './core-supervisor';

export interface DialogText {
  title: string;
  message: string;
  detail: string;
}

const TITLES: Partial<Record<CoreFailure['code'], string>> = {
  db_newer_version: 'This library was made by a newer Lede',
  db_corrupt: 'Lede’s library is damaged',
  db_key_missing: 'The key to Lede’s library is missing',
  db_key_wrong: 'Lede’s library does not open with its key',
  data_dir_locked: 'Lede’s library is already open',
};

/** The dialog for a core that cannot open the library. The core's message already says what to do. */
export function startupFailureText(failure: CoreFailure, dataDir: string): DialogText {
  return {
    title: 'Lede cannot start',
    message: TITLES[failure.code] ?? 'Lede cannot open its library',
    detail: `${failure.message}\n\nData folder: ${dataDir}`,
  };
}

/** The dialog after the core stopped again and again. */
export function repeatedCrashText(detail: { exitCode: number; output: string }, logDir: string): DialogText {
  const output = detail.output.trim();
  return {
    title: 'Lede’s core keeps stopping',
    message: 'Lede’s core process stopped several times in a row.',
    detail:
      'Everything you saved before it stopped is kept. Try again, or quit and start Lede later.\n\n' +
      `Exit code: ${detail.exitCode}. Logs: ${logDir}` +
      (output ? `\n\nLast output:\n${output}` : ''),
  };
}
