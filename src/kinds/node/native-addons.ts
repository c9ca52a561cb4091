// Native addons: packages that compile or download machine code for one libc, from package.json and lockfiles.

/**
 * Packages known to build or ship native code tied to the libc they were installed on.
 * Matched by exact name; prefixes in NATIVE_PREFIXES catch whole families.
 */
export const KNOWN_NATIVE_ADDONS: ReadonlySet<string> = new Set([
  '@parcel/watcher',
  '@prisma/client',
  '@prisma/engines',
  '@swc/core',
  '@tensorflow/tfjs-node',
  '@tensorflow/tfjs-node-gpu',
  'argon2',
  'bcrypt',
  'better-sqlite3',
  'bufferutil',
  'canvas',
  'cpu-features',
  'deasync',
  'diskusage',
  'farmhash',
  'ffi-napi',
  'grpc',
  'hiredis',
  'iconv',
  'isolated-vm',
  'kerberos',
  'leveldown',
  'libpq',
  'libxmljs',
  'libxmljs2',
  'lmdb',
  'microtime',
  'msgpackr-extract',
  'node-expat',
  'node-gyp-build',
  'node-pty',
  'node-sass',
  'onnxruntime-node',
  'oracledb',
  'pg-native',
  'prisma',
  're2',
  'ref-napi',
  'sharp',
  'snappy',
  'sodium-native',
  'sqlite3',
  'ssh2',
  'unix-dgram',
  'usb',
  'utf-8-validate',
  'weak-napi',
  'zeromq',
]);

// Scopes that publish only native builds (napi-rs ports, sharp's libvips parts, embedded databases).
const NATIVE_PREFIXES = ['@img/sharp-', '@lancedb/', '@libsql/', '@napi-rs/', '@node-rs/'];

/**
 * Packages whose install script does not produce libc-bound code (a donation banner, a git hook,
 * a platform-independent download), so a lockfile's `hasInstallScript` on them is not a native addon.
 */
const HARMLESS_INSTALL_SCRIPTS: ReadonlySet<string> = new Set([
  'core-js',
  'core-js-pure',
  'es5-ext',
  'esbuild',
  'husky',
  'nodemon',
  'protobufjs',
  'styled-components',
  'yarn',
  'spawn-sync',
  'ejs',
  'open-collective',
  'opencollective-postinstall',
]);

/** Whether a package name is a known native addon. */
export function isKnownNativeAddon(name: string): boolean {
  return KNOWN_NATIVE_ADDONS.has(name) || NATIVE_PREFIXES.some((p) => name.startsWith(p));
}

/** Whether a package with an install script should count as native. */
export function countsAsNative(name: string): boolean {
  return !HARMLESS_INSTALL_SCRIPTS.has(name);
}

/**
 * Non-dev packages marked `"hasInstallScript": true` in an npm lockfile v2/v3 (`packages` section).
 * The lockfile is only parsed when it mentions install scripts at all, which most do not.
 */
export function npmLockInstallScripts(text: string): string[] {
  if (!text.includes('"hasInstallScript"')) return [];
  let lock: { packages?: Record<string, { hasInstallScript?: boolean; dev?: boolean; name?: string }> };
  try {
    lock = JSON.parse(text);
  } catch {
    return [];
  }
  const names: string[] = [];
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    if (!entry || entry.hasInstallScript !== true || entry.dev === true) continue;
    // `node_modules/a/node_modules/@s/b` -> `@s/b`; workspace folders (no node_modules) are the project itself.
    const at = key.lastIndexOf('node_modules/');
    if (at < 0) continue;
    names.push(key.slice(at + 'node_modules/'.length));
  }
  return names;
}

/** The package name in a pnpm-lock `packages:` key of any lockfile version (5: `/a/1.0.0`, 6: `/a@1.0.0`, 9: `a@1.0.0`). */
export function pnpmKeyName(key: string): string | null {
  const k = key
    .trim()
    .replace(/:$/, '')
    .replace(/^(["'])(.*)\1$/, '$2')
    .replace(/^\//, '')
    .replace(/\(.*$/, '');
  const v6 = /^(@[^/@]+\/[^/@]+|[^/@]+)@\d/.exec(k);
  if (v6) return v6[1];
  const v5 = /^(@[^/@]+\/[^/@]+|[^/@]+)\/\d/.exec(k);
  return v5 ? v5[1] : null;
}

/**
 * Packages with `requiresBuild: true` and no `dev: true` in a pnpm-lock.yaml. The file can be megabytes,
 * so instead of parsing it this jumps from one `requiresBuild: true` to the next and reads the entry
 * around it: the two-space-indented key above, and the entry's lines up to the next key.
 */
export function pnpmLockRequiresBuild(text: string): string[] {
  const names: string[] = [];
  const needle = /\n {4}requiresBuild: true\r?(?=\n|$)/g;
  for (let m = needle.exec(text); m; m = needle.exec(text)) {
    const keyStart = entryKeyLine(text, m.index);
    if (keyStart < 0) continue;
    const keyEnd = text.indexOf('\n', keyStart);
    const end = nextEntry(text, m.index + 1);
    const body = text.slice(keyEnd, end);
    const name = pnpmKeyName(text.slice(keyStart, keyEnd));
    if (name && !/\n {4}dev: true\r?(?:\n|$)/.test(body)) names.push(name);
    needle.lastIndex = end;
  }
  return names;
}

/** Start of the nearest line above `from` indented by exactly two spaces (a package key), or -1. */
function entryKeyLine(text: string, from: number): number {
  for (let i = text.lastIndexOf('\n', from - 1); i >= 0; i = text.lastIndexOf('\n', i - 1)) {
    if (text.startsWith('  ', i + 1) && text[i + 3] !== ' ' && text[i + 3] !== '\n') return i + 1;
    if (text[i + 1] !== ' ' && text[i + 1] !== '\n' && text[i + 1] !== '\r') return -1;
  }
  return -1;
}

/** The offset where the entry containing `from` ends: the next line indented by fewer than four spaces. */
function nextEntry(text: string, from: number): number {
  const re = /\n(?! {4}| *\r?\n)/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : text.length;
}
