#!/usr/bin/env node
// Installs what test/vscode/run-code-server.mjs needs, idempotently:
//  1. Debian packages (chromium, ripgrep and the headers code-server's native modules build against),
//     only those that are missing, with `apt-get update` first;
//  2. code-server (VS Code 1.100.3, the last line on Node 20) from the npm registry, with its native
//     modules rebuilt locally and Debian's ripgrep in place of @vscode/ripgrep's GitHub download,
//     into .vscode-test/code-server-<version>/ — a marker file written last makes a second run a no-op.
// Usage: node test/vscode/setup-code-server.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIR = join(REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const MARKER = join(CACHE_DIR, '.installed.json');
export const ENTRY = join(CACHE_DIR, 'package', 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';

const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];

class SetupError extends Error {}

function log(message) {
  console.log(`[setup-code-server] ${message}`);
}

function run(step, command, args, options = {}) {
  log(`${step}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    ...options,
    env: { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', ...options.env },
  });
  if (result.error) throw new SetupError(`${step} failed to start ${command}: ${result.error.message}`);
  if (result.status !== 0) throw new SetupError(`${step} failed: \`${command} ${args.join(' ')}\` exited with ${result.status ?? result.signal}`);
}

function missingAptPackages() {
  return APT_PACKAGES.filter((pkg) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

function ensureAptPackages() {
  const missing = missingAptPackages();
  if (missing.length === 0) {
    log(`Debian packages present: ${APT_PACKAGES.join(', ')}`);
    return;
  }
  let sudo = [];
  if (process.getuid?.() !== 0) {
    if (spawnSync('sudo', ['-n', 'true']).status !== 0) {
      throw new SetupError(`missing Debian packages ${missing.join(', ')}; run as root or install them: apt-get install -y ${missing.join(' ')}`);
    }
    sudo = ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'];
  }
  const apt = (...args) => (sudo.length ? run('apt', sudo[0], [...sudo.slice(1), 'apt-get', ...args]) : run('apt', 'apt-get', args, { env: { DEBIAN_FRONTEND: 'noninteractive' } }));
  apt('update');
  apt('install', '-y', ...missing);
  const still = missingAptPackages();
  if (still.length) throw new SetupError(`Debian packages still missing after apt-get install: ${still.join(', ')}`);
}

function installedMarker() {
  if (!existsSync(MARKER) || !existsSync(ENTRY)) return undefined;
  try {
    const marker = JSON.parse(readFileSync(MARKER, 'utf8'));
    // Native modules are built for one Node ABI; a different Node needs a fresh install.
    if (marker.version === CODE_SERVER_VERSION && marker.nodeModules === process.versions.modules) return marker;
    log(`cached install is for ${marker.version} / Node ABI ${marker.nodeModules}; reinstalling`);
  } catch {
    log('unreadable marker; reinstalling');
  }
  return undefined;
}

function installCodeServer() {
  const staging = `${CACHE_DIR}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const started = Date.now();

  run('pack', 'npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--pack-destination', staging, '--silent'], { cwd: staging });
  run('unpack', 'tar', ['xzf', `code-server-${CODE_SERVER_VERSION}.tgz`], { cwd: staging });
  rmSync(join(staging, `code-server-${CODE_SERVER_VERSION}.tgz`));

  const pkg = join(staging, 'package');
  const vscode = join(pkg, 'lib', 'vscode');
  const npmInstall = ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'];
  run('code-server deps', 'npm', npmInstall, { cwd: pkg });
  run('rebuild argon2', 'npm', ['rebuild', 'argon2'], { cwd: pkg });
  run('vscode deps', 'npm', npmInstall, { cwd: vscode });
  // @vscode/ripgrep's install script downloads from GitHub, which is unreachable: use Debian's rg.
  const rgDir = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  rmSync(join(rgDir, 'rg'), { force: true });
  symlinkSync('/usr/bin/rg', join(rgDir, 'rg'));
  // npm_config_yes (set in run()): node-pty's install script runs npx, which would wait for a prompt.
  run('rebuild native modules', 'npm', ['rebuild', 'kerberos', 'node-pty', '@vscode/spdlog', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'], { cwd: vscode });
  rmSync(join(vscode, 'node_modules.asar'), { force: true });
  symlinkSync('node_modules', join(vscode, 'node_modules.asar'));
  run('built-in extensions deps', 'npm', npmInstall, { cwd: join(vscode, 'extensions') });

  // XDG_*: keep code-server's default config file and logs out of $HOME.
  const xdg = join(staging, 'xdg');
  const version = spawnSync(process.execPath, [join(pkg, 'out', 'node', 'entry.js'), '--version'], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: join(xdg, 'config'), XDG_DATA_HOME: join(xdg, 'data') },
  });
  rmSync(xdg, { recursive: true, force: true });
  if (version.status !== 0 || !version.stdout.includes(CODE_SERVER_VERSION)) {
    throw new SetupError(`installed code-server does not start: ${version.stdout}${version.stderr}`);
  }
  log(`code-server --version: ${version.stdout.trim().split('\n').pop()}`);

  rmSync(CACHE_DIR, { recursive: true, force: true });
  renameSync(staging, CACHE_DIR);
  writeFileSync(MARKER, `${JSON.stringify({
    version: CODE_SERVER_VERSION,
    node: process.version,
    nodeModules: process.versions.modules,
    installedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 1000),
  }, null, 2)}\n`);
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s at ${CACHE_DIR}`);
}

export function setup({ force = false } = {}) {
  ensureAptPackages();
  if (!existsSync(CHROMIUM)) throw new SetupError(`${CHROMIUM} not found after installing chromium`);
  if (!force && installedMarker()) {
    log(`code-server ${CODE_SERVER_VERSION} already installed at ${CACHE_DIR} (delete it or pass --force to reinstall)`);
    return;
  }
  installCodeServer();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    setup({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(`[setup-code-server] ERROR: ${error instanceof SetupError ? error.message : error?.stack ?? error}`);
    process.exit(1);
  }
}
