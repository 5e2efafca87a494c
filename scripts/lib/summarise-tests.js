// Prints one closing line for the whole run: 'tests: N passed, N failed'.
const fs = require('fs');

const [jestReport, playwrightReport] = process.argv.slice(2);
const jest = JSON.parse(fs.readFileSync(jestReport, 'utf8'));
let passed = jest.numPassedTests;
let failed = jest.numFailedTests;
let skipped = jest.numPendingTests + jest.numTodoTests;

const e2e = JSON.parse(fs.readFileSync(playwrightReport, 'utf8')).stats;
passed += e2e.expected + e2e.flaky;
failed += e2e.unexpected;
skipped += e2e.skipped;

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
