import { extractMentions } from 'server/src/engine/values';
for (const s of process.argv.slice(2)) console.log(s, '=>', JSON.stringify(extractMentions(s).map(m => [m.text, m.value, m.qualifierText])));
