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
  project: ['project', 'construction', 'programme', 'program', 'scheme', 'build', 'buildout', 'build-out', 'rebuild'],
};

/** Nouns a value can measure, mapped to their class. */
export const THING_CLASS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [cls, list] of Object.entries(classes)) for (const word of list) if (!map.has(word)) map.set(word, cls);
  return map;
})();

/** Things that are as often verbs: read as things only after a determiner or a value. */
export const VERB_LIKE_THINGS: ReadonlySet<string> = new Set(['build', 'rebuild', 'award', 'offer', 'credit', 'stake', 'pay', 'cost', 'costs', 'bill', 'spend']);

/** Words that say how a thing is measured, not what it is ("value", "worth"): the thing is the noun they belong to. */
export const MEASURE_WORDS: ReadonlySet<string> = new Set(['value', 'worth', 'size', 'amount', 'total', 'sum', 'figure', 'tab', 'tag']);

/** Qualifiers of an earlier instance of a thing. */
export const EARLIER_WORDS: ReadonlySet<string> = new Set([
  'existing', 'earlier', 'previous', 'prior', 'original', 'old', 'older', 'initial', 'first', 'former', 'past',
  'preceding', 'predecessor', 'last', 'inaugural', 'legacy', 'similar',
]);

/** Qualifiers of the current, new instance of a thing. */
export const CURRENT_WORDS: ReadonlySet<string> = new Set([
  'new', 'expanded', 'additional', 'another', 'added', 'extended', 'latest', 'fresh', 'enlarged', 'expansion',
  'follow-on', 'add-on', 'newest', 'current', 'revised', 'amended', 'upsized', 'bigger', 'larger',
]);

/** Nouns after "a"/"per"/"each" that make a value a rate ("$3 billion a year", "$41 a share"), mapped to the unit. */
export const RATE_WORDS: ReadonlyMap<string, string> = new Map([
  ['year', 'year'], ['yr', 'year'], ['annum', 'year'], ['month', 'month'], ['quarter', 'quarter'], ['week', 'week'], ['day', 'day'],
  ['share', 'share'], ['unit', 'unit'], ['car', 'unit'], ['seat', 'unit'], ['head', 'person'], ['person', 'person'], ['employee', 'person'],
  ['ticket', 'unit'], ['dose', 'unit'], ['tonne', 'unit'], ['ton', 'unit'], ['barrel', 'unit'], ['hour', 'hour'], ['mile', 'unit'],
]);

/** Adjectives and adverbs that make a value a rate, mapped to the unit. */
export const RATE_ADJECTIVES: ReadonlyMap<string, string> = new Map([
  ['annually', 'year'], ['yearly', 'year'], ['annual', 'year'], ['annualized', 'year'], ['annualised', 'year'], ['monthly', 'month'], ['quarterly', 'quarter'], ['weekly', 'week'], ['daily', 'day'],
]);

/** Words before a value that make it the term of a comparison, another instance ("up from $9 billion"). */
export const COMPARISONS: readonly string[] = [
  'than', 'up from', 'down from', 'compared with', 'compared to', 'versus', 'vs', 'against', 'dwarfs', 'eclipses', 'exceeds', 'tops',
];

/** Verbs that make the value after them a change, not a level ("adds $40 million"). */
export const CHANGE_VERBS: ReadonlySet<string> = new Set(['add', 'adds', 'added', 'adding', 'increases', 'boosts', 'boosted', 'trims', 'trimmed', 'shaves', 'shaved']);

/** Phrases that make a value a total over several things. */
export const TOTAL_PHRASES: readonly string[] = [
  'in all', 'in total', 'altogether', 'combined', 'all told', 'cumulative', 'cumulatively', 'total of', 'totaling',
  'totalling', 'total to', 'aggregate', 'overall', 'sum of', 'tally to', 'collectively',
];

/** Words before a date that make it the end of a span. */
export const END_WORDS: ReadonlySet<string> = new Set([
  'through', 'thru', 'until', 'till', 'ends', 'ending', 'expires', 'expire', 'expiring', 'expiry',
  'expiration', 'runs', 'run', 'running', 'lasts', 'last', 'lasting', 'concludes', 'conclude', 'lapses', 'matures',
  'mature', 'maturing', 'out', 'stops', 'stop', 'finishes', 'wraps',
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
  add('announce', ['announced', 'announce', 'announces', 'unveiled', 'unveils', 'disclosed', 'revealed', 'public', 'unveiling', 'announcing', 'announcement']);
  add('sign', ['signed', 'signs', 'sign', 'struck', 'strikes', 'inked', 'agreed', 'sealed', 'entered', 'reached', 'signing']);
  add('close', ['closed', 'closes', 'close', 'closing', 'completed', 'completes', 'finalized', 'finalised']);
  add('work', ['worked', 'working', 'began', 'partnered', 'met', 'founded', 'started']);
  add('file', ['filed', 'files', 'filing']);
  add('approve', ['approved', 'approves', 'approval', 'voted', 'awarded', 'granted', 'grants', 'cleared', 'authorized', 'authorised']);
  add('open', ['open', 'opens', 'opened', 'reopen', 'reopens', 'reopening', 'launch', 'launched', 'launches', 'debuted', 'listed']);
  return map;
})();

/** Adverbs that put a clause's event in the past of the story: "Meta first signed with CoreWeave in 2025". */
export const EARLIER_ADVERBS: ReadonlySet<string> = new Set(['first', 'originally', 'initially', 'previously', 'formerly']);

/** Phrases that put a sentence's event in the past of the story ("signed back in 2025", "had signed"). */
export const PAST_PHRASES: readonly string[] = ['back in', 'last year', 'a year earlier', 'a year ago', 'the year before', 'in the past year', 'had signed', 'had agreed', 'had struck', 'already had', 'already signed', 'already held'];

/** Verbs that predicate a rank of their subject ("is the third", "will be its fifth"). */
export const COPULAS: ReadonlySet<string> = new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being', 'becomes', 'became', 'become', 'remains', 'remained', 'marks', 'marked', 'makes', 'made', 'ranks', 'ranked', 'as']);

/** Sentence openers that make its amounts totals ("Combined, the two contracts…"). */
export const SENTENCE_TOTALS: readonly string[] = ['combined', 'together', 'in all', 'in total', 'altogether', 'all told', 'overall', 'taken together'];

/** Words after a duration that make it a point in time, not a span ("five years ago"). */
export const RELATIVE_WORDS: ReadonlySet<string> = new Set(['ago', 'later', 'earlier', 'hence']);

/**
 * Capitalised words that do not name an organisation: sentence openers, acronyms of the trade,
 * calendar words. Any other capitalised word that is not a known party may be a party the fact
 * base does not know ("Microsoft signed ... with CoreWeave").
 */
export const NOT_A_NAME: ReadonlySet<string> = new Set(
  (
    'The A An It Its This That These Those In On At For But And As By With From Of To If When While After Before Since ' +
    'Under Over Then There Here Their They We Our He She His Her I You Your What Which Who Why How Also Still Now Today ' +
    'Yesterday Earlier Later Last Next First Second Third Meanwhile However According Both Each Every All Some Many Most ' +
    'No Not So Yet Or Nor Such One Two Three Four Five Six Seven Eight Nine Ten Until Through During About Around Nearly ' +
    'Almost Roughly More Less Only Just Even Put Together Read See Note Update Updated Source Sources Editor Photo ' +
    'AI GPU GPUs CPU CEO CFO CTO US USD UK EU API Inc Corp Co Ltd LLC Q1 Q2 Q3 Q4 FY H1 H2 ' +
    'January February March April May June July August September October November December ' +
    'Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday'
  ).split(' '),
);

/** Prepositions that put a name in a relation to a clause's value ("to Hallam United", "for Orrin Bio"). */
export const RELATION_WORDS: ReadonlySet<string> = new Set(['to', 'for', 'with', 'from', 'by', 'of', 'at', 'and']);

/** Determiners of an unnamed other party ("from another drugmaker", "by a rival"). */
export const OTHER_PARTY_WORDS: ReadonlySet<string> = new Set(['another', 'rival', 'competing', 'other', 'different', 'separate']);

/** Verbs that dispute a figure in their sentence ("denied an earlier report that…", "a figure CoreWeave disputed"). */
export const DISPUTE_VERBS: ReadonlySet<string> = new Set(['denied', 'denies', 'disputed', 'disputes', 'rejected', 'rejects', 'dismissed', 'refuted', 'contested', 'contests', 'disavowed']);

/** Modal verbs that make a clause a possibility, not a claim ("could push first power back"). */
export const HEDGES: ReadonlySet<string> = new Set(['could', 'might', 'may']);

/** Superlatives after which "in a month" measures a record, not a span ("their best day in a month"). */
export const SUPERLATIVES: ReadonlySet<string> = new Set(['best', 'worst', 'biggest', 'largest', 'highest', 'lowest', 'smallest', 'strongest', 'weakest', 'first', 'most', 'least']);

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
    'up down out off per via s t through until till since during after before between among against across ' +
    'them him us me itself themselves ones others cash stock'
  ).split(' '),
);
