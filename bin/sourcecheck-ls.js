#!/usr/bin/env node
'use strict';
// The Source Check language server for any LSP client: `sourcecheck-ls --stdio`.
if (!process.argv.slice(2).some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg.startsWith('--socket') || arg.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
require('../dist/server.js');
