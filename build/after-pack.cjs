// electron-builder afterPack hook: flips Electron's fuses in the packed app,
// after the files are in place and before anything is signed (flipping
// changes the binary, so it must come first). docs/product.md, Security: no RunAsNode,
// no NODE_OPTIONS, no --inspect, asar integrity checked, app only from asar.
'use strict';
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** What each fuse is set to. A test (test/packaging/fuses.test.ts) fails if any of these changes. */
const LEDE_FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
});

/** @electron/fuses' config for the settings above. */
function fuseConfig(platform, arch) {
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: false };
  for (const [name, value] of Object.entries(LEDE_FUSES)) config[FuseV1Options[name]] = value;
  // Flipping invalidates the ad-hoc signature Apple Silicon requires; re-sign ad hoc (a real signature comes later, if any).
  if (platform === 'darwin' && arch === 'arm64') config.resetAdHocDarwinSignature = true;
  return config;
}

/** The Electron binary electron-builder produced in appOutDir. */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return path.join(appOutDir, packager.executableName);
}

// electron-builder's Arch enum: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

async function afterPack(context) {
  const binary = electronBinary(context);
  const arch = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : context.arch;
  await flipFuses(binary, fuseConfig(context.electronPlatformName, arch));
  console.log(`  • Lede: Electron fuses flipped in ${path.basename(binary)}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.LEDE_FUSES = LEDE_FUSES;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinary = electronBinary;
