/**
 * Deterministic generators for the benchmarks: drafts that mix the seed facts' statements (right,
 * wrong and uncited) with ordinary prose, lists, tables, links, footnotes and code, and fact files
 * of any size with their own parties, cues and values.
 */
import type { FactBase } from '../../server/src/engine/types';

/** A small seeded PRNG (mulberry32): the same seed gives the same drafts on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random element of `items`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

const WORDS = (
  'the a of and to in that it is was for on are as with his they at be this from have or by one had not but what ' +
  'all were when we there can an your which their said if do will each about how up out them then she many some so ' +
  'these would other into has more her two like him see time could no make than first been its who now people my ' +
  'made over did down only way find use may water long little very after words called just where most know get ' +
  'through back much before go good new write our used me man too any day same right look think also around another ' +
  'came come work three word must because does part even place well such here take why things help put years different ' +
  'away again off went old number great tell men say small every found still between name should home big give air ' +
  'line set own under read last never us left end along while might next sound below saw something thought both few ' +
  'those always looked show large often together asked house world going want school important until form food keep ' +
  'children feet land side without boy once animals life enough took sometimes four head above kind began almost live ' +
  'page got earth need far hand high year mother light parts country father let night following picture being study ' +
  'second eyes soon times story boys since white days paper hard near sentence better best across during today others ' +
  'however sure means knew trying company market editors reporters newsroom analysts investors cloud model revenue'
).split(' ');

const PROPER = ['Alder', 'Brightwater', 'Calloway', 'Dunmore', 'Everly', 'Foxhall', 'Greystone', 'Harrow', 'Islington', 'Juniper'];

function sentence(random: () => number): string {
  const length = 8 + Math.floor(random() * 14);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.03) words.push(pick(random, PROPER));
    else if (r < 0.045) words.push(`${1 + Math.floor(random() * 900)}`);
    else if (r < 0.05) words.push(`$${1 + Math.floor(random() * 90)} million`);
    else if (r < 0.055) words.push(`in ${1990 + Math.floor(random() * 35)}`);
    else if (r < 0.06) words.push('*really*');
    else if (r < 0.065) words.push('`config`');
    else if (r < 0.07) words.push(`[this report](https://example.org/r/${Math.floor(random() * 1000)})`);
    else words.push(pick(random, WORDS));
  }
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${pick(random, ['.', '.', '.', '.', '?', '!'])}`;
}

function prose(random: () => number, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(random));
  return out.join(' ');
}

/** The seed facts' example sentences, as written (cited) and with their citations removed. */
export interface SeedStatements {
  right: string[];
  wrong: string[];
}

/** The pass and fail examples of every fact in `base`. */
export function seedStatements(base: FactBase): SeedStatements {
  const right: string[] = [];
  const wrong: string[] = [];
  for (const fact of base.facts) {
    right.push(...fact.examples.pass);
    wrong.push(...fact.examples.fail);
  }
  return { right, wrong };
}

function uncited(statement: string): string {
  return statement.replace(/\s*\([a-z0-9.-]+\.[a-z]{2,}\)\s*$/i, '');
}

function statement(random: () => number, seeds: SeedStatements): string {
  const r = random();
  if (r < 0.5) return pick(random, seeds.right);
  if (r < 0.75) return pick(random, seeds.wrong);
  return uncited(pick(random, seeds.right));
}

/** Options of {@link generateDraft}. */
export interface DraftOptions {
  /** Approximate size in UTF-16 code units; the draft stops at the first block past it. */
  size: number;
  seed: number;
  seeds: SeedStatements;
  /** Extra statements to mix in (e.g. about generated facts). */
  extra?: string[];
}

/** A draft of about `size` characters mixing seed statements with ordinary Markdown. */
export function generateDraft(options: DraftOptions): string {
  const random = prng(options.seed);
  const blocks: string[] = [`# ${prose(random, 1).slice(0, 60)}`];
  let size = blocks[0]!.length;
  let footnote = 0;
  while (size < options.size) {
    const r = random();
    let block: string;
    if (r < 0.35) {
      block = prose(random, 2 + Math.floor(random() * 5));
    } else if (r < 0.55) {
      const parts = [prose(random, 1 + Math.floor(random() * 2)), statement(random, options.seeds)];
      if (options.extra && options.extra.length > 0 && random() < 0.5) parts.push(pick(random, options.extra));
      if (random() < 0.5) parts.push(prose(random, 1));
      block = parts.join(' ');
    } else if (r < 0.63) {
      block = `## ${prose(random, 1).slice(0, 50).trim()}`;
    } else if (r < 0.73) {
      const items: string[] = [];
      const n = 2 + Math.floor(random() * 4);
      for (let i = 0; i < n; i++) items.push(`- ${random() < 0.3 ? statement(random, options.seeds) : prose(random, 1)}`);
      block = items.join('\n');
    } else if (r < 0.79) {
      block = [
        '| Item | Figure | Note |',
        '| --- | --- | --- |',
        `| CoreWeave deal | ${pick(random, ['$21 billion', '$31 billion', 'about $21 billion'])} | ${pick(random, WORDS)} |`,
        `| ${pick(random, PROPER)} | ${Math.floor(random() * 100)} | ${pick(random, WORDS)} ${pick(random, WORDS)} |`,
      ].join('\n');
    } else if (r < 0.84) {
      block = ['```ts', `const deal = "$${Math.floor(random() * 90)} billion through December 2033";`, 'console.log(deal);', '```'].join('\n');
    } else if (r < 0.89) {
      footnote++;
      block = `${prose(random, 1)} ${uncited(pick(random, options.seeds.right)).replace(/\.$/, '')}.[^n${footnote}]\n\n[^n${footnote}]: https://about.fb.com/news/`;
    } else if (r < 0.94) {
      block = `> ${prose(random, 2)}\n> ${statement(random, options.seeds)}`;
    } else {
      block = `${prose(random, 2)} See [the filing][ref${footnote}] for details.\n\n[ref${footnote}]: https://investors.coreweave.com/`;
    }
    blocks.push(block);
    size += block.length + 2;
  }
  return `${blocks.join('\n\n')}\n`;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ven', 'tor', 'qui', 'zal', 'dex', 'nor', 'bri', 'sol', 'tam', 'vek', 'ula', 'pyr'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A made-up word of at least `syllables` syllables that is not in `used` (longer when short ones run out). */
function coined(random: () => number, used: Set<string>, syllables: number): string {
  for (let attempt = 0; ; attempt++) {
    let word = '';
    const length = syllables + Math.floor(attempt / 8);
    for (let i = 0; i < length; i++) word += pick(random, SYLLABLES);
    if (!used.has(word)) {
      used.add(word);
      return word;
    }
  }
}

/** A generated fact file, the source document its quotes point at, and draft sentences about it. */
export interface GeneratedFacts {
  yaml: string;
  /** Name of the document the YAML refers to (write it beside the YAML). */
  documentName: string;
  document: string;
  /** Sentences stating some of the facts, right or wrong, cited. */
  statements: string[];
}

/** `count` facts with their own parties (one per four facts), cue words and values. */
export function generateFacts(count: number, seed: number): GeneratedFacts {
  const random = prng(seed);
  const used = new Set<string>();
  const partyCount = Math.max(1, Math.ceil(count / 4));
  const parties: Array<{ id: string; name: string }> = [];
  for (let i = 0; i < partyCount; i++) {
    const word = coined(random, used, 3);
    parties.push({ id: `gen-party-${i}`, name: `${word.charAt(0).toUpperCase()}${word.slice(1)}` });
  }
  const yaml: string[] = [
    'version: 1',
    'documents:',
    '  generated: generated-source.txt',
    'sources:',
    '  - id: generated.example.com',
    '    name: Generated source',
    '    url: https://generated.example.com/',
    'parties:',
  ];
  for (const party of parties) yaml.push(`  - id: ${party.id}`, `    names: [${party.name}]`);
  yaml.push('facts:');
  const document: string[] = [];
  const statements: string[] = [];
  for (let i = 0; i < count; i++) {
    const party = parties[i % partyCount]!;
    const cues = [coined(random, used, 3), coined(random, used, 3)];
    const kind = i % 3;
    let value: string;
    let wrong: string;
    if (kind === 0) {
      const amount = 1 + Math.floor(random() * 900);
      value = `$${amount} million`;
      wrong = `$${amount + 7} million`;
    } else if (kind === 1) {
      const month = pick(random, MONTHS);
      const year = 2000 + Math.floor(random() * 30);
      value = `${month} ${year}`;
      wrong = `${month} ${year + 3}`;
    } else {
      const months = 2 + Math.floor(random() * 20);
      value = `${months} months`;
      wrong = `${months + 5} months`;
    }
    const quote = `${party.name} ${cues[0]} the ${cues[1]} at ${value} (record ${i}).`;
    document.push(quote);
    yaml.push(
      `  - id: gen-fact-${i}`,
      `    statement: ${JSON.stringify(quote)}`,
      `    parties: [${party.id}]`,
      `    cues: [${cues.join(', ')}]`,
      `    value: ${JSON.stringify(value)}`,
      '    sources: [generated.example.com]',
      `    quote: ${JSON.stringify(quote)}`,
    );
    if (i % 10 === 0) statements.push(`${party.name} ${cues[0]} the ${cues[1]} at ${random() < 0.5 ? value : wrong}. (generated.example.com)`);
  }
  return { yaml: `${yaml.join('\n')}\n`, documentName: 'generated-source.txt', document: `${document.join('\n')}\n`, statements };
}
