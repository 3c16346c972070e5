/**
 * The VS Code client's editor-independent logic: what the status items say, and the settings an
 * untrusted workspace may not set. (The parts that need VS Code run in the in-editor tests.)
 */
import { describe, test } from 'node:test';
import type { FactStatus, SourcesResult, SourcesViewFact } from '../../server/src/lspExt';
import { childrenOf, describeNode } from '../../client/src/sourcesTree';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTING_DECLARATIONS } from '../../server/src/lsp/settings';
import path from 'node:path';
import type { StatusParams } from '../../server/src/lspExt';
import { describeFindings, describeWorkspaceCheck, statusView, type StatusInput } from '../../client/src/statusView';
import { RESTRICTED_SETTINGS, restrictConfiguration } from '../../client/src/trust';

const DRAFT = 'file:///w/drafts/a.md';

function status(overrides: Partial<StatusParams> = {}): StatusParams {
  return {
    enabled: true,
    factCount: 12,
    factFiles: ['file:///ext/seeds/facts.yaml', 'file:///w/facts.yaml'],
    factErrors: 0,
    documents: [{ uri: DRAFT, errors: 2, warnings: 1, hints: 0 }],
    ...overrides,
  };
}

function view(overrides: Partial<StatusInput> = {}) {
  return statusView({ state: 'running', status: status(), activeUri: DRAFT, trusted: true, busy: false, ...overrides });
}

describe('status items', () => {
  test('facts loaded and the findings in the active file', () => {
    const { facts, findings } = view();
    assert.equal(facts.text, 'Source Check: 12 facts');
    assert.equal(facts.detail, 'From 2 fact files.');
    assert.equal(facts.severity, 'information');
    assert.equal(facts.command?.command, 'sourcecheck.showSources', 'the fact count opens the Sources view');
    assert.equal(findings.text, '2 errors, 1 warning');
    assert.equal(findings.command?.command, 'sourcecheck.recheck');
  });

  test('finding counts read naturally', () => {
    assert.equal(describeFindings({ errors: 0, warnings: 0, hints: 0 }), 'no problems');
    assert.equal(describeFindings({ errors: 1, warnings: 0, hints: 3 }), '1 error, 3 hints');
    assert.equal(describeFindings({ errors: 0, warnings: 2, hints: 1 }), '2 warnings, 1 hint');
  });

  test('a file the server has not reported on is "not checked yet"', () => {
    assert.equal(view({ activeUri: 'file:///w/other.md' }).findings.text, 'not checked yet');
  });

  test('fact file errors make the fact item an error that says the last good facts are used', () => {
    const { facts } = view({ status: status({ factErrors: 3 }) });
    assert.equal(facts.severity, 'error');
    assert.equal(facts.text, 'Source Check: fact file errors — using last good facts');
    assert.match(facts.detail, /^3 problems in fact files; 12 facts from 2 fact files in use\./);
  });

  test('Restricted Mode is stated', () => {
    assert.match(view({ trusted: false }).facts.detail, /Restricted Mode: only the bundled seed facts are used/);
    assert.doesNotMatch(view().facts.detail, /Restricted Mode/);
  });

  test('a stopped server is an error with a restart link; a starting one is busy', () => {
    const stopped = view({ state: 'stopped' });
    assert.equal(stopped.facts.severity, 'error');
    assert.equal(stopped.facts.text, 'Source Check: server stopped');
    assert.equal(stopped.facts.command?.command, 'sourcecheck.restart');
    const starting = view({ state: 'starting', status: undefined });
    assert.equal(starting.facts.busy, true);
    assert.equal(starting.facts.text, 'Source Check: starting…');
  });

  test('disabled by the settings', () => {
    const { facts, findings } = view({ status: status({ enabled: false }) });
    assert.equal(facts.text, 'Source Check: disabled');
    assert.deepEqual(facts.command?.arguments, ['sourcecheck.enable']);
    assert.equal(findings.text, 'not checked');
  });

  test('busy while a recheck runs', () => {
    assert.equal(view({ busy: true }).findings.busy, true);
    assert.equal(view().findings.busy, false);
  });

  test('the workspace check summary', () => {
    assert.equal(describeWorkspaceCheck({ files: 12, findings: 3, skipped: [] }), 'Source Check: checked 12 drafts, 3 findings.');
    assert.equal(
      describeWorkspaceCheck({ files: 1, findings: 0, skipped: [{ uri: 'file:///w/x.md', reason: 'EACCES' }] }),
      'Source Check: checked 1 draft, no findings (1 file skipped).',
    );
  });
});

describe('workspace trust', () => {
  const settings = { enable: true, facts: ['evil.yaml'], sources: ['notes/**'], defaultFacts: true };

  test('the whole section loses its fact and source lists', () => {
    assert.deepEqual(restrictConfiguration(['sourcecheck'], [settings]), [{ enable: true, facts: [], sources: [], defaultFacts: true }]);
  });

  test('single restricted settings are emptied, others pass through', () => {
    assert.deepEqual(
      restrictConfiguration(['sourcecheck.facts', 'sourcecheck.sources', 'sourcecheck.enable', 'editor'], [['a.yaml'], ['b/**'], true, { tabSize: 2 }]),
      [[], [], true, { tabSize: 2 }],
    );
  });

  test('a request for the whole configuration is restricted inside its sourcecheck key', () => {
    const [all] = restrictConfiguration([undefined], [{ sourcecheck: settings, editor: { tabSize: 2 } }]);
    assert.deepEqual(all, { sourcecheck: { enable: true, facts: [], sources: [], defaultFacts: true }, editor: { tabSize: 2 } });
  });

  test('package.json declares the same restricted settings', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations: string[] } };
    };
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, RESTRICTED_SETTINGS.map((name) => `sourcecheck.${name}`));
  });
});

describe('package.json contributions', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
    activationEvents: string[];
    contributes: {
      commands: Array<{ command: string; title: string; category: string }>;
      configuration: { properties: Record<string, { default: unknown; scope?: string; enum?: string[] }> };
    };
  };

  test('declares every setting the server reads exactly as the server declares it', () => {
    const properties = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
    for (const [key, declared] of Object.entries(SETTING_DECLARATIONS)) {
      const contributed = properties[key];
      assert.ok(contributed, `${key} is contributed`);
      for (const field of ['type', 'default', 'enum', 'minimum', 'maximum', 'scope'] as const) {
        assert.deepEqual(contributed[field], declared[field], `${key}.${field}`);
      }
    }
    // The one setting the server does not read: the client's own LSP trace.
    const clientOnly = Object.keys(properties).filter((key) => !(key in SETTING_DECLARATIONS));
    assert.deepEqual(clientOnly, ['sourcecheck.trace.server']);
    assert.deepEqual(properties['sourcecheck.trace.server']?.enum, ['off', 'messages', 'verbose']);
  });

  test('unset settings defer to .sourcecheck.yaml: no default that would override it', () => {
    const defaults = Object.fromEntries(Object.entries(pkg.contributes.configuration.properties).map(([key, value]) => [key, value.default]));
    assert.equal(defaults['sourcecheck.defaultFacts'], null);
    assert.deepEqual(defaults['sourcecheck.severity'], {});
    assert.equal(defaults['sourcecheck.citationStyle'], null);
  });

  test('the commands, under the Source Check category', () => {
    assert.deepEqual(
      pkg.contributes.commands.map((c) => `${c.category}: ${c.title} (${c.command})`),
      [
        'Source Check: Recheck (sourcecheck.recheck)',
        'Source Check: Open fact base (sourcecheck.openFactBase)',
        'Source Check: Check all drafts in workspace (sourcecheck.checkWorkspace)',
        'Source Check: Restart server (sourcecheck.restart)',
        'Source Check: Show output (sourcecheck.showOutput)',
        'Source Check: Add fact from selection (sourcecheck.addFactFromSelection)',
        'Source Check: Refresh sources (sourcecheck.refreshSources)',
        'Source Check: Show sources (sourcecheck.showSources)',
        'Source Check: Open fact (sourcecheck.openSourceFact)',
      ],
    );
  });

  test('activates on Markdown and in workspaces with a config file', () => {
    assert.deepEqual(pkg.activationEvents, ['onLanguage:markdown', 'workspaceContains:**/.sourcecheck.yaml']);
  });
});

describe('Sources view nodes', () => {
  const fact = (id: string, status: FactStatus, statements = 0): SourcesViewFact => ({
    id,
    statement: `Statement ${id}.`,
    status,
    quote: { uri: 'file:///seed.txt', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, text: `quote ${id}` },
    statements: Array.from({ length: statements }, () => ({ start: { line: 1, character: 0 }, end: { line: 1, character: 3 } })),
  });
  const result: SourcesResult = {
    uri: DRAFT,
    checked: true,
    sources: [
      { id: 'a.example', name: 'Source A', url: 'https://a.example/', facts: [{ ...fact('one', 'disagrees', 2), value: '$5 million' }, fact('two', 'unused')] },
      { id: 'b.example', name: 'Source B', url: 'https://b.example/', facts: [] },
    ],
  };

  test('sources with facts at the root, their facts below, with status and use count', () => {
    const roots = childrenOf(result);
    assert.deepEqual(roots.map((n) => describeNode(n).label), ['Source A']);
    assert.equal(describeNode(roots[0]!).description, 'a.example · 1 of 2 used, 1 disagrees');
    const facts = childrenOf(result, roots[0]);
    assert.deepEqual(facts.map((n) => [describeNode(n).label, describeNode(n).description]), [
      ['$5 million', 'disagrees (2×) — Statement one.'],
      ['Statement two.', 'not used'],
    ]);
    assert.deepEqual(childrenOf(result, facts[0]), []);
    assert.deepEqual(childrenOf(undefined), []);
  });
});
