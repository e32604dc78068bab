// The app's side of training/check_tokenizer.py: loads DIR/tokenizer.json with the app's tokenizer
// (src/model/tokenizer.ts) and compares its ids and decoded text with SentencePiece's in DIR/cases.json.
// usage: npx tsx training/check_tokenizer.ts DIR   (exit status 1 when any ids differ; decoded text that
// differs is listed too — known: the library's byte fallback drops a U+FEFF that starts a byte run)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LlamaTokenizer } from '../src/model/tokenizer.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: npx tsx training/check_tokenizer.ts DIR');
const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const tokenizer = LlamaTokenizer.fromJson(read('tokenizer.json'), read('tokenizer_config.json'));
const { cases } = read('cases.json') as { cases: { text: string; ids: number[]; decoded: string }[] };
const show = (ids: number[]) => ids.map((id) => tokenizer.idToPiece(id)).join('|');
let encodeMismatches = 0;
let decodeMismatches = 0;
for (const c of cases) {
  const ids = tokenizer.encode(c.text);
  if (JSON.stringify(ids) !== JSON.stringify(c.ids)) {
    if (++encodeMismatches <= 10) console.log(`ids differ for ${JSON.stringify(c.text)}\n  library     ${show(ids)}\n  sentencepiece ${show(c.ids)}`);
  }
  if (tokenizer.decode(c.ids) !== c.decoded) {
    if (++decodeMismatches <= 10) console.log(`decode differs for ${JSON.stringify(c.text)}: ${JSON.stringify(tokenizer.decode(c.ids))} vs ${JSON.stringify(c.decoded)}`);
  }
}
console.log(JSON.stringify({ strings: cases.length, encodeMismatches, decodeMismatches }));
process.exitCode = encodeMismatches ? 1 : 0;
