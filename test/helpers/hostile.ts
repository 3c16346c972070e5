/**
 * The hostile fact and configuration files of test/fixtures/hostile and where each one's single error
 * is (1-based line:column, as the CLI prints it), shared by the CLI and language-server tests.
 */
import * as path from 'node:path';

/** The folder of the hostile fixtures. */
export const HOSTILE = path.resolve(__dirname, '..', 'fixtures', 'hostile');

/** Fixtures whose bytes are not valid UTF-8 text, so an editor cannot hold them as they are on disk. */
export const BYTE_FIXTURES = new Set(['nul-byte.yaml', 'binary.yaml', 'latin1.yaml', 'bom-crlf-unknown-key.yaml']);

/** Fact files that must each fail with one located error: fixture, line:col, message. */
export const FACT_FILES: Array<[string, string, RegExp]> = [
  ['syntax-unclosed-flow.yaml', '15:5', /^Flow sequence in block collection must be sufficiently indented and end with a \]$/],
  ['syntax-tab-indent.yaml', '6:1', /^Tabs are not allowed as indentation$/],
  ['duplicate-key.yaml', '16:5', /^duplicate key 'cues' \(keys of a mapping must be unique\)$/],
  ['two-documents.yaml', '19:1', /^expected a single YAML document, found a second one after "---"$/],
  ['wrong-type-version.yaml', '1:10', /^version: expected the number 1, found "1"$/],
  ['wrong-type-cues.yaml', '15:11', /^cues: expected a list of strings, found the number 42$/],
  ['root-is-a-list.yaml', '1:1', /^a fact file must be a mapping .*; found a list$/],
  ['unknown-key.yaml', '13:5', /^unknown key 'statment' in a fact; did you mean 'statement'\?$/],
  ['duplicate-fact-id.yaml', '19:9', /^duplicate fact id 'acme-revenue' \(first defined at facts\.yaml:12:9\)$/],
  ['duplicate-source-id.yaml', '8:9', /^duplicate source id 'example\.org' \(first defined at facts\.yaml:5:9\)$/],
  ['quote-not-in-source.yaml', '18:12', /^quote not found verbatim in notes\.txt: "Acme made a fortune"$/],
  ['html-markdown-in-quote.yaml', '18:12', /^quote not found verbatim in notes\.txt: "<img src=x onerror=alert\(1\)> \*\*Acme\*\* \[click\]\(javascript:alert\(1\)\)"$/],
  ['unknown-party.yaml', '14:21', /^unknown party 'globex'$/],
  ['billion-laughs.yaml', '3:11', /^aliases expand to too many nodes \(limit 1000\); refusing a possible "billion laughs" document$/],
  ['unknown-anchor.yaml', '14:14', /^unknown anchor 'nobody'/],
  ['javascript-url.yaml', '7:10', /^url: only http and https links are allowed, found "javascript:alert\(document\.cookie\)"$/],
  ['command-url.yaml', '7:10', /^url: only http and https links are allowed, found "command:workbench\./],
  ['data-url.yaml', '7:10', /^url: only http and https links are allowed, found "data:text\/html,/],
  ['huge-number.yaml', '16:14', /^minCues: expected a positive integer, found the number Infinity$/],
  ['huge-tolerance.yaml', '17:16', /^tolerance: expected a non-negative number, found the number Infinity$/],
  ['empty.yaml', '1:1', /^fact file is empty: /],
  ['comments-only.yaml', '1:1', /^fact file is empty: /],
  ['nul-byte.yaml', '13:20', /^fact file is a binary file \(NUL byte at 13:20\)$/],
  ['binary.yaml', '3:1', /^fact file is a binary file \(NUL byte at 3:1\)$/],
  ['latin1.yaml', '13:26', /^fact file is not valid UTF-8 \(invalid byte 0xe9 at 13:26\)$/],
  ['bom-crlf-unknown-key.yaml', '10:5', /^unknown key 'nmes' in a party; did you mean 'names'\?$/],
  ['document-not-a-file.yaml', '3:10', /^cannot read document 'notes' \(\/dev\/zero\): \/dev\/zero is not a regular file$/],
  ['document-missing.yaml', '3:10', /^cannot read document 'notes' \(\.\.\/\.\.\/nowhere\/notes\.txt\): \.\.\/\.\.\/nowhere\/notes\.txt no such file$/],
];

/** Configuration files (beside a good facts.yaml) that must each fail with one located error. */
export const CONFIG_FILES: Array<[string, string, RegExp]> = [
  ['unknown-key.yaml', '1:1', /^unknown key 'factz' in the configuration; did you mean 'facts'\?$/],
  ['severity-not-a-mapping.yaml', '2:11', /^severity: expected a mapping, found "loud"$/],
  ['severity-unknown-level.yaml', '3:13', /^mismatch: expected one of error, warning, information, hint, off, found "fatal"$/],
  ['citation-style-list.yaml', '2:16', /^citationStyle: expected one of .*, found a list$/],
  ['default-facts-string.yaml', '2:15', /^defaultFacts: expected true or false, found "no"$/],
  ['billion-laughs.yaml', '3:9', /^aliases expand to too many nodes/],
  ['missing-fact-file.yaml', '1:21', /^cannot read fact file missing\.yaml: no such file$/],
  ['fact-file-not-a-file.yaml', '1:21', /^cannot read fact file \/dev\/zero: is not a regular file$/],
];

