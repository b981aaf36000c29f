// Turns a range's rows (JSON on stdin: {"rows": [[…], …]}) into the scenario the add-in sends, with
// the add-in's own reader (addin/sheet.js scenarioFromRange), and prints it as JSON.
import { readFileSync } from 'node:fs';

const { scenarioFromRange } = await import(new URL('../../main/resources/META-INF/resources/addin/sheet.js', import.meta.url));
const { rows } = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(scenarioFromRange(rows)));
