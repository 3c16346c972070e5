#!/usr/bin/env node
// Runs the compiled mocha suite inside a real VS Code extension host: code-server (VS Code 1.100.3,
// installed by setup-code-server.mjs) with its web workbench opened in Debian's Chromium through
// playwright-core. Builds nothing: run `npm run build` and test/vscode/build-suite.mjs first.
//
//   node test/vscode/run-code-server.mjs [--extension <dir> | --vsix <file>] [--workspace <dir>]
//        [--tests <dist/test/vscode/suite/index.js>] [--screenshots <dir>] [--timeout <s>]
//        [--grep <regexp>] [--viewport <WxH>] [--verbose] [--keep]
//
// Prints one line per test and then exactly `N passed, N failed`; exits 1 on any failure, on a
// timeout, or when no test ran. Always stops code-server and Chromium.
/* global AbortController */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { clearInterval, clearTimeout, setInterval, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { parseArgs } from 'node:util';
import { CHROMIUM, CODE_SERVER_VERSION, ENTRY, MARKER, REPO_ROOT } from './setup-code-server.mjs';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STARTUP_TIMEOUT_MS = 60_000;

class DriverError extends Error {}

const { values: args } = parseArgs({
  options: {
    extension: { type: 'string' },
    vsix: { type: 'string' },
    workspace: { type: 'string' },
    tests: { type: 'string', default: join(REPO_ROOT, 'dist', 'test', 'vscode', 'suite', 'index.js') },
    screenshots: { type: 'string' },
    timeout: { type: 'string', default: '300' },
    viewport: { type: 'string', default: '1400x900' },
    grep: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (message) => console.log(`[run-code-server ${elapsed()}] ${message}`);

/** Resolves when `check()` returns a value (tried on a change in `dirs` and every 250 ms); rejects at the deadline or when the AbortSignal `abort` fires. */
function waitUntil(check, { dirs, timeoutMs, what, abort }) {
  return new Promise((resolvePromise, rejectPromise) => {
    const watchers = [];
    let busy = false;
    let finished = false;
    const finish = (error, value) => {
      if (finished) return;
      finished = true;
      clearInterval(poll);
      clearTimeout(timer);
      abort.removeEventListener('abort', onAbort);
      for (const watcher of watchers) watcher.close();
      if (error) rejectPromise(error);
      else resolvePromise(value);
    };
    const tick = async () => {
      if (busy || finished) return;
      busy = true;
      try {
        const value = await check();
        if (value !== undefined) finish(undefined, value);
      } catch (error) {
        finish(error);
      } finally {
        busy = false;
      }
    };
    const onAbort = () => finish(abort.reason instanceof Error ? abort.reason : new DriverError(String(abort.reason)));
    const poll = setInterval(tick, 250);
    const timer = setTimeout(() => finish(new DriverError(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)), timeoutMs);
    if (abort.aborted) return onAbort();
    abort.addEventListener('abort', onAbort, { once: true });
    for (const dir of dirs) {
      try {
        watchers.push(watch(dir, () => void tick()));
      } catch {
        // the poll covers it
      }
    }
    void tick();
  });
}

function freePort() {
  return new Promise((resolvePromise, rejectPromise) => {
    const server = createServer();
    server.once('error', rejectPromise);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

function killGroup(child, signal) {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

async function stopCodeServer(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolvePromise) => child.once('exit', resolvePromise));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  // The group may outlive its leader (extension host, file watcher): make sure it is gone.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // nothing left
  }
}

function writeFileAtomic(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

function printResults(results, driverFailures) {
  for (const test of results.passes) console.log(`  ✓ ${test.fullTitle}${test.durationMs !== undefined ? ` (${test.durationMs} ms)` : ''}`);
  for (const test of results.pending) console.log(`  - ${test.fullTitle} (pending)`);
  for (const test of [...results.failures, ...driverFailures]) {
    console.log(`  ✗ ${test.fullTitle}`);
    for (const line of String(test.error ?? '').split('\n')) console.log(`      ${line}`);
    if (test.stack && args.verbose) for (const line of test.stack.split('\n').slice(1, 6)) console.log(`      ${line}`);
  }
  if (results.pending.length) console.log(`${results.pending.length} pending`);
  const failed = results.failures.length + driverFailures.length;
  if (results.passes.length + failed === 0) console.log('no test ran: is the suite built, and are there *.test.ts files in test/vscode/suite/?');
  console.log(`${results.passes.length} passed, ${failed} failed`);
  return failed === 0 && results.passes.length > 0;
}

async function main() {
  // Aborts whatever the driver waits for: a signal, code-server exiting, the page crashing.
  const controller = new AbortController();
  const abort = controller.signal;
  let interrupted;
  const onSignal = (signal) => {
    log(`${signal}: stopping`);
    interrupted = signal;
    controller.abort(new DriverError(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);

  if (!existsSync(MARKER) || !existsSync(ENTRY)) {
    throw new DriverError(`code-server ${CODE_SERVER_VERSION} is not installed: run \`node test/vscode/setup-code-server.mjs\` first`);
  }
  if (!existsSync(CHROMIUM)) throw new DriverError(`${CHROMIUM} not found: run \`node test/vscode/setup-code-server.mjs\` first`);
  const tests = resolve(args.tests);
  if (!existsSync(tests)) throw new DriverError(`compiled suite ${tests} not found: run \`node test/vscode/build-suite.mjs\` first`);
  if (args.vsix && args.extension) throw new DriverError('pass --extension or --vsix, not both');
  const [width, height] = args.viewport.split('x').map(Number);
  if (!(width > 0 && height > 0)) throw new DriverError(`--viewport must be WIDTHxHEIGHT in pixels, got ${args.viewport}`);
  const viewport = { width, height };
  const timeoutMs = Number(args.timeout) * 1000;
  if (!(timeoutMs > 0)) throw new DriverError(`--timeout must be a positive number of seconds, got ${args.timeout}`);

  const tmp = mkdtempSync(join(tmpdir(), 'sourcecheck-vscode-'));
  const userData = join(tmp, 'user-data');
  const extensionsDir = join(tmp, 'extensions');
  const comms = join(tmp, 'comms');
  const screenshotRequests = join(comms, 'screenshots');
  const codeServerLog = join(tmp, 'code-server.log');
  const consoleLog = join(tmp, 'browser-console.log');
  for (const dir of [join(userData, 'User'), extensionsDir, screenshotRequests]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), `${JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'chat.commandCenter.enabled': false,
    // No fade-ins: a screenshot taken right after a hover appears shows it fully drawn.
    'workbench.reduceMotion': 'on',
  }, null, 2)}\n`);
  const screenshotsDir = args.screenshots ? resolve(args.screenshots) : undefined;
  if (screenshotsDir) mkdirSync(screenshotsDir, { recursive: true });
  writeFileSync(join(comms, 'driver.json'), `${JSON.stringify({ screenshots: Boolean(screenshotsDir), grep: args.grep, vsix: Boolean(args.vsix) })}\n`);

  let workspace;
  if (args.workspace) {
    workspace = resolve(args.workspace);
    if (!existsSync(workspace)) throw new DriverError(`--workspace ${workspace} does not exist`);
  } else {
    workspace = join(tmp, 'workspace');
    cpSync(join(REPO_ROOT, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  }

  const env = {
    ...process.env,
    // Reaches the extension host (it is a child of the code-server process): where results go.
    SOURCECHECK_TEST_DIR: comms,
    // Keep code-server's default config and logs out of $HOME.
    XDG_CONFIG_HOME: join(tmp, 'xdg-config'),
    XDG_DATA_HOME: join(tmp, 'xdg-data'),
  };
  const codeServerArgs = ['--user-data-dir', userData, '--extensions-dir', extensionsDir];

  let extensionDevelopmentPath;
  if (args.vsix) {
    const vsix = resolve(args.vsix);
    if (!existsSync(vsix)) throw new DriverError(`--vsix ${vsix} does not exist`);
    log(`installing ${basename(vsix)}`);
    const install = spawnSync(process.execPath, [ENTRY, ...codeServerArgs, '--install-extension', vsix], { env, encoding: 'utf8' });
    appendFileSync(codeServerLog, `${install.stdout}${install.stderr}`);
    if (install.status !== 0 || !/successfully installed/i.test(install.stdout + install.stderr)) {
      throw new DriverError(`code-server --install-extension ${vsix} failed:\n${install.stdout}${install.stderr}`);
    }
    log(install.stdout.trim().split('\n').filter((line) => /install/i.test(line)).pop() ?? 'installed');
    // The workbench only runs extensionTestsPath together with an extensionDevelopmentPath. Use the
    // compiled suite's folder, a do-nothing "harness" extension with its own id (build-suite.mjs writes
    // its package.json), so the installed extension is the one under test and not shadowed.
    extensionDevelopmentPath = dirname(tests);
    if (!existsSync(join(extensionDevelopmentPath, 'package.json'))) {
      throw new DriverError(`${extensionDevelopmentPath}/package.json (the test harness manifest) is missing: run test/vscode/build-suite.mjs`);
    }
  } else {
    extensionDevelopmentPath = resolve(args.extension ?? REPO_ROOT);
    if (!existsSync(join(extensionDevelopmentPath, 'package.json'))) throw new DriverError(`${extensionDevelopmentPath} has no package.json`);
  }

  let codeServer;
  let browser;
  const driverFailures = [];
  let results = { passes: [], failures: [], pending: [] };
  const exitHook = () => killGroup(codeServer, 'SIGKILL');
  process.on('exit', exitHook);
  try {
    const port = await freePort();
    log(`starting code-server on 127.0.0.1:${port} (logs: ${codeServerLog})`);
    codeServer = spawn(process.execPath, [
      ENTRY, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, ...codeServerArgs,
      '--config', join(tmp, 'config.yaml'),
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let codeServerExit;
    codeServer.once('exit', (code, signal) => {
      codeServerExit = `code-server exited (${code ?? signal})`;
      controller.abort(new DriverError(`${codeServerExit}; see ${codeServerLog}`));
    });
    for (const stream of [codeServer.stdout, codeServer.stderr]) {
      let partial = '';
      stream.on('data', (chunk) => {
        const text = chunk.toString();
        output += text;
        appendFileSync(codeServerLog, text);
        if (!args.verbose) return;
        const lines = (partial + text).split('\n');
        partial = lines.pop();
        for (const line of lines) console.log(`  [code-server] ${line}`);
      });
    }
    const origin = await waitUntil(() => /HTTP server listening on (http:\/\/[^\s/]+)/.exec(output)?.[1], {
      dirs: [], timeoutMs: STARTUP_TIMEOUT_MS, what: 'code-server to listen', abort,
    });

    const remote = (path) => `vscode-remote://${new URL(origin).host}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(tests)],
    ];
    const url = `${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    });
    const page = await browser.newPage({ viewport });
    page.on('console', (message) => {
      const line = `[${message.type()}] ${message.text()}\n`;
      appendFileSync(consoleLog, line);
      if (args.verbose) process.stdout.write(`  [browser] ${line}`);
    });
    page.on('pageerror', (error) => appendFileSync(consoleLog, `[pageerror] ${error.stack ?? error}\n`));
    page.on('crash', () => controller.abort(new DriverError('the workbench page crashed')));
    log(`opening the workbench: ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    log('workbench loading; waiting for results');

    // `selector` / `text`: wait until that element is visible (and contains that text) before the shot.
    // `clip`: capture only the area of that element (e.g. '.part.editor'), whatever is drawn over it included.
    const screenshot = async (name, { selector, text, clip, timeoutMs = 10_000 } = {}) => {
      if (selector || text) {
        await page.locator(selector ?? 'body', text ? { hasText: text } : {}).first().waitFor({ state: 'visible', timeout: timeoutMs });
      }
      const file = join(screenshotsDir, `${name}.png`);
      const box = clip ? await page.locator(clip).first().boundingBox({ timeout: timeoutMs }) : undefined;
      if (clip && !box) throw new Error(`clip element ${clip} is not visible`);
      await page.screenshot({ path: file, animations: 'disabled', ...(box ? { clip: box } : {}) });
      return file;
    };
    const resultsFile = join(comms, 'results.json');
    const answerScreenshotRequests = async () => {
      for (const request of readdirSync(screenshotRequests).filter((file) => file.endsWith('.request')).sort()) {
        const stem = join(screenshotRequests, request.replace(/\.request$/, ''));
        if (existsSync(`${stem}.done`)) continue;
        let answer;
        try {
          const { name, selector, text, clip, timeoutMs } = JSON.parse(readFileSync(`${stem}.request`, 'utf8'));
          answer = { path: await screenshot(name, { selector, text, clip, timeoutMs }) };
          log(`screenshot ${answer.path}`);
        } catch (error) {
          answer = { error: String(error?.message ?? error) };
        }
        writeFileAtomic(`${stem}.done`, JSON.stringify(answer));
      }
    };
    try {
      results = await waitUntil(async () => {
        if (screenshotsDir) await answerScreenshotRequests();
        if (existsSync(resultsFile)) return JSON.parse(readFileSync(resultsFile, 'utf8'));
        return undefined;
      }, { dirs: [comms, screenshotRequests], timeoutMs, what: `the suite's results (${resultsFile})`, abort });
      log('results received');
      if (screenshotsDir) log(`screenshot ${await screenshot('final')}`);
    } catch (error) {
      if (!interrupted && !codeServerExit) {
        const file = join(screenshotsDir ?? tmp, 'timeout.png');
        await page.screenshot({ path: file }).then(() => log(`screenshot of the workbench at the failure: ${file}`), () => undefined);
      }
      throw error;
    }
  } catch (error) {
    if (!(error instanceof DriverError)) throw error;
    driverFailures.push({ fullTitle: '[driver]', error: `${error.message}\n(code-server log: ${codeServerLog}; browser console: ${consoleLog})` });
  } finally {
    process.removeListener('exit', exitHook);
    if (browser) await browser.close().catch(() => undefined);
    await stopCodeServer(codeServer);
    log('code-server and Chromium stopped');
    if (!args.keep && driverFailures.length === 0) rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }

  const ok = printResults(results, driverFailures);
  if (ok) return 0;
  return interrupted ? 130 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[run-code-server] ERROR: ${error instanceof DriverError ? error.message : error?.stack ?? error}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
