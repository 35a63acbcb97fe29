#!/usr/bin/env node
// ts-fsrs replaying the reviews rehearse_bench_scheduler wrote (--reviews-out FILE), with the
// default options of `srs replay` in docs/cli.md (FSRS-6 defaults, retention 0.9, no fuzz, steps
// 1m 10m / 10m, short-term on). Prints `fsrs_replay_ms X` (best of 3, parsing excluded) and
// `fsrs_checksum Y` (sum of the final stabilities, which must match the C++ run). ts-fsrs comes
// from tests/fsrs (`npm ci` there).
//
// Usage: node bench/fsrs_replay_node.mjs REVIEWS_FILE
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', 'tests', 'fsrs', 'package.json'));
const { fsrs, createEmptyCard, generatorParameters } = require('ts-fsrs');

const file = process.argv[2];
if (!file) {
  console.error('usage: node fsrs_replay_node.mjs REVIEWS_FILE');
  process.exit(2);
}
const lines = readFileSync(file, 'utf8').split('\n');
const n = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
const cards = new Uint32Array(n), ratings = new Uint8Array(n), at = new Float64Array(n);
for (let i = 0; i < n; ++i) {
  const [c, r, t] = lines[i].split(' ');
  cards[i] = Number(c); ratings[i] = Number(r); at[i] = Number(t);
}
const f = fsrs(generatorParameters({
  request_retention: 0.9, enable_fuzz: false, enable_short_term: true,
  learning_steps: ['1m', '10m'], relearning_steps: ['10m'],
}));

let best = Infinity, checksum = 0;
for (let round = 0; round < 3; ++round) {
  checksum = 0;
  const start = process.hrtime.bigint();
  let card = null, current = -1;
  for (let i = 0; i < n; ++i) {
    const when = new Date(at[i]);
    if (cards[i] !== current) {
      if (card) checksum += card.stability;
      card = createEmptyCard(when);
      current = cards[i];
    }
    card = f.next(card, when, ratings[i]).card;
  }
  checksum += card.stability;
  best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(`fsrs replay (ts-fsrs, best of 3)  ${n} x  ${best.toFixed(4)} ms total  ${(1000 * best / n).toFixed(6)} us per op`);
console.log(`fsrs_replay_ms ${best.toFixed(3)}`);
console.log(`fsrs_checksum ${checksum.toFixed(6)}`);
