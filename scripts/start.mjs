// `npm start [-- args]`: the desktop app when the Electron binary is installed;
// otherwise one line saying so, then the web shell (`npm run web`) with the same args.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, root } from './build-steps.mjs';
import { findElectronBinary, NO_ELECTRON_MESSAGE } from './electron-binary.mjs';
import { ensureElectronNativeModules } from './electron-native.mjs';

const binary = findElectronBinary(root);

if (!binary) {
  console.log(NO_ELECTRON_MESSAGE);
  // web.mjs reads process.argv itself, so the args pass straight through.
  await import(pathToFileURL(path.join(root, 'scripts', 'web.mjs')).href);
} else {
  await buildIfStale();
  try {
    ensureElectronNativeModules(root);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const env = { ...process.env };
  // Set in the environment, it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  // Its own process group (outside Windows), so a Ctrl-C in the terminal
  // reaches Electron once, through us: a second SIGINT would cut its drain short.
  const child = spawn(binary, [root, ...process.argv.slice(2)], {
    cwd: root,
    env,
    stdio: 'inherit',
    detached: process.platform !== 'win32',
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (error) => {
    console.error(`Could not start Electron (${binary}): ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
  });
}
