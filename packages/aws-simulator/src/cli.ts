import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Estate } from './Estate';
import { generateBenchmarkEstate } from './generateBenchmarkEstate';
import { generateDemoEstate } from './generateDemoEstate';
import { startAwsSimulator } from './startAwsSimulator';

const USAGE = `Usage: aws-simulator [options]
  --port <n>           port to listen on (default 4566)
  --estate <e>         demo (default), benchmark, or an estate JSON file
  --page-size <n>      results per page (default 100)
  --latency-ms <n>     added to every AWS call
  --throttle-rate <r>  share (0..1) of calls answered ThrottlingException
  --rate-limit <n>     calls per second per operation before throttling`;

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) {
    throw new Error(`--${name} must be a number, got '${value}'\n${USAGE}`);
  }
  return parsed;
}

function loadEstate(name: string): Estate {
  if (name === 'demo') return generateDemoEstate();
  if (name === 'benchmark') return generateBenchmarkEstate();
  return JSON.parse(readFileSync(name, 'utf8'));
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4566' },
      estate: { type: 'string', default: 'demo' },
      'page-size': { type: 'string' },
      'latency-ms': { type: 'string' },
      'throttle-rate': { type: 'string' },
      'rate-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const estate = loadEstate(values.estate);
  const simulator = await startAwsSimulator({
    estate,
    port: number('port', values.port),
    pageSize: number('page-size', values['page-size']),
    faults: {
      latencyMs: number('latency-ms', values['latency-ms']),
      throttleRate: number('throttle-rate', values['throttle-rate']),
      rateLimitPerSecond: number('rate-limit', values['rate-limit']),
    },
  });
  process.stdout.write(
    `AWS simulator (SageMaker, Glue, S3) listening on ${simulator.endpoint}\n` +
      `  estate: ${values.estate}, account ${
        estate.accountId
      }, regions ${Object.keys(estate.regions).join(', ')}\n` +
      `  stats: GET ${simulator.endpoint}/_simulator/stats\n`,
  );
  const stop = () => {
    simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exit(1);
});
