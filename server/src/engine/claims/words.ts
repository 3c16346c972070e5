/**
 * The closed word classes the claim-frame reader uses. These are English grammar and the
 * vocabulary of business reporting, not the words of any one story: a thing that is not listed here
 * is still read (as the word itself), it just has no synonyms.
 */

const classes: Record<string, string[]> = {
  deal: [
    'deal', 'agreement', 'contract', 'pact', 'commitment', 'arrangement', 'partnership', 'tie-up', 'accord',
    'capacity', 'order', 'alliance', 'collaboration', 'relationship', 'term', 'award',
  ],
  financing: ['facility', 'financing', 'loan', 'credit', 'revolver', 'borrowing', 'refinancing'],
  debt: ['debt', 'notes', 'bonds', 'bond', 'note', 'debentures', 'convertible', 'convertibles'],
  equity: ['stake', 'shares', 'equity', 'holding'],
  funding: ['funding', 'round', 'investment', 'investments', 'injection'],
  revenue: ['revenue', 'revenues', 'sales', 'turnover', 'income', 'bookings', 'billings'],
  backlog: ['backlog', 'obligations', 'pipeline'],
  spending: ['capex', 'spending', 'expenditure', 'expenditures', 'outlay', 'outlays', 'budget'],
  valuation: ['valuation', 'cap', 'capitalization', 'capitalisation'],
  profit: ['profit', 'profits', 'earnings', 'loss', 'losses', 'margin'],
  cost: ['cost', 'costs', 'price', 'fee', 'fees', 'payment', 'payments', 'rent'],
  market: ['market', 'industry', 'sector'],
  grant: ['grant', 'grants', 'subsidy', 'subsidies', 'aid'],
  acquisition: ['acquisition', 'takeover', 'purchase', 'buyout', 'merger'],
  ipo: ['ipo', 'listing', 'debut', 'offering'],
  fine: ['penalty', 'settlement', 'damages'],
  salary: ['salary', 'wage', 'wages', 'compensation', 'bonus'],
  model: ['model', 'models', 'product', 'version'],
  stack: ['stack'],
  project: ['project', 'construction', 'programme', 'program', 'scheme'],
};

/** Nouns a value can measure, mapped to their class. */
export const THING_CLASS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [cls, list] of Object.entries(classes)) for (const word of list) if (!map.has(word)) map.set(word, cls);
  return map;
})();

/** Words that say how a thing is measured, not what it is ("value", "worth"): the thing is the noun they belong to. */
export const MEASURE_WORDS: ReadonlySet<string> = new Set(['value', 'worth', 'size', 'amount', 'total', 'sum', 'figure', 'tab', 'tag']);

/** Qualifiers of an earlier instance of a thing. */
export const EARLIER_WORDS: ReadonlySet<string> = new Set([
  'existing', 'earlier', 'previous', 'prior', 'original', 'old', 'older', 'initial', 'first', 'former', 'past',
  'preceding', 'predecessor', 'last', 'inaugural', 'legacy',
]);

/** Qualifiers of the current, new instance of a thing. */
export const CURRENT_WORDS: ReadonlySet<string> = new Set([
  'new', 'expanded', 'additional', 'another', 'added', 'extended', 'latest', 'fresh', 'enlarged', 'expansion',
  'follow-on', 'newest', 'current', 'revised', 'amended', 'upsized', 'bigger', 'larger',
]);

/** Nouns of time after "a"/"per"/"each" that make a value a rate ("$3 billion a year"). */
export const RATE_WORDS: ReadonlySet<string> = new Set(['year', 'yr', 'month', 'quarter', 'week', 'day', 'annum']);

/** Phrases that make a value a total over several things. */
export const TOTAL_PHRASES: readonly string[] = [
  'in all', 'in total', 'altogether', 'combined', 'all told', 'cumulative', 'cumulatively', 'total of', 'totaling',
  'totalling', 'total to', 'aggregate', 'overall', 'sum of', 'tally to', 'collectively',
];

/** Words before a date that make it the end of a span. */
export const END_WORDS: ReadonlySet<string> = new Set([
  'through', 'thru', 'until', 'till', 'ends', 'ending', 'expires', 'expire', 'expiring', 'expiry',
  'expiration', 'runs', 'run', 'running', 'lasts', 'last', 'lasting', 'concludes', 'conclude', 'lapses', 'matures',
  'mature', 'maturing', 'out', 'by',
]);

/** Words before a date that make it the start of a span. */
export const START_WORDS: ReadonlySet<string> = new Set([
  'from', 'starts', 'start', 'starting', 'begins', 'begin', 'beginning', 'commences',
  'commence', 'commencing', 'since', 'effective', 'kicks', 'kick', 'kicking',
]);

/** Verbs that date an event, normalised to the event. */
export const EVENT_VERBS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const add = (event: string, list: string[]) => list.forEach((w) => map.set(w, event));
  add('announce', ['announced', 'announce', 'announces', 'unveiled', 'unveils', 'disclosed', 'revealed', 'public', 'reported', 'unveiling', 'announcing', 'announcement', 'said']);
  add('sign', ['signed', 'signs', 'sign', 'struck', 'strikes', 'inked', 'agreed', 'sealed', 'entered', 'reached', 'signing']);
  add('close', ['closed', 'closes', 'close', 'closing', 'completed', 'completes', 'finalized', 'finalised']);
  add('work', ['worked', 'working', 'began', 'partnered', 'met', 'founded', 'started']);
  add('file', ['filed', 'files', 'filing']);
  add('approve', ['approved', 'approves', 'approval', 'voted', 'awarded']);
  add('open', ['open', 'opens', 'opened', 'reopen', 'reopens', 'reopening', 'launch', 'launched', 'launches', 'debuted', 'listed']);
  return map;
})();

/** Adverbs that put a clause's event in the past of the story: "Meta first signed with CoreWeave in 2025". */
export const EARLIER_ADVERBS: ReadonlySet<string> = new Set(['first', 'originally', 'initially', 'previously', 'formerly']);

/** Sentence openers that make its amounts totals ("Combined, the two contracts…"). */
export const SENTENCE_TOTALS: readonly string[] = ['combined', 'together', 'in all', 'in total', 'altogether', 'all told', 'overall', 'taken together'];

/** Words after a duration that make it a point in time, not a span ("five years ago"). */
export const RELATIVE_WORDS: ReadonlySet<string> = new Set(['ago', 'later', 'earlier', 'hence']);

/** Words that deny the value after them. */
export const NEGATIONS: readonly string[] = ['not', 'never', 'rather than', 'instead of', 'other than', 'far from', 'no longer', 'denied', 'nor'];

/** Words that open a new clause after a comma. */
export const CLAUSE_OPENERS: ReadonlySet<string> = new Set([
  'which', 'while', 'whereas', 'but', 'although', 'though', 'and', 'who', 'where', 'when', 'after', 'before', 'as',
  'since', 'because', 'so', 'yet', 'or', 'plus', 'including', 'compared', 'versus', 'against', 'up', 'down', 'its',
  'their', 'on', 'according', 'with', 'making', 'giving', 'meaning', 'adding', 'leaving', 'double', 'half',
]);

/** Function words: never the measured thing. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the of in on at to for by with from into over under about around as and or but nor so yet if than then that ' +
    'this these those it its their his her our your my we they he she i you is are was were be been being has have had ' +
    'do does did will would can could may might must shall should which who whom whose what when where why how ' +
    'not no all any some each every both either neither one two more most less least only just also still even ' +
    'up down out off per via s t through until till since during after before between among against across'
  ).split(' '),
);
