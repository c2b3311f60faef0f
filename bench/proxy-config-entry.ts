// Bundled by bench/proxy-config.mjs: parse and render the route and cluster tables of a large config dump,
// against JSON.parse of the same text alone, interleaved in one process. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { clusterRows } from '../src/views/proxy-config/clusters.js';
import { parseDump } from '../src/views/proxy-config/dump.js';
import { routeRows } from '../src/views/proxy-config/routes.js';
import { tabwrite } from '../src/views/proxy-config/tabwriter.js';

const [file = '', roundsText = '7'] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const rounds = Number(roundsText);
const render: number[] = [];
const parse: number[] = [];
let checksum = 0;
for (let round = -1; round < rounds; round++) {
  const sides = round % 2 === 0 ? ['render', 'parse'] : ['parse', 'render'];
  for (const side of sides) {
    const started = performance.now();
    if (side === 'parse') checksum += Object.keys(JSON.parse(text) as object).length;
    else {
      const dump = parseDump(text);
      checksum += tabwrite(routeRows(dump), 5).length + tabwrite(clusterRows(dump), 5).length;
    }
    const ms = performance.now() - started;
    if (round >= 0) (side === 'parse' ? parse : render).push(ms);
  }
}
process.stdout.write(`${JSON.stringify({ render, parse, bytes: text.length, checksum })}\n`);
