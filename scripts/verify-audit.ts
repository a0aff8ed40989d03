import { describeChainProblem, verifyStoredAuditChain } from '../src/audit/verify-chain';
import { loadConfig } from '../src/config';
import type { ChainCheck } from '../src/store/audit-chain';
import { EXIT, parseOptions, runScript } from './lib/cli';
import { openConfiguredStore } from './lib/runtime';

const USAGE = `Usage: npm run verify-audit

Checks the audit log's hash chain in the configured store: every sequence number present once and in
order, every event linked to the previous event's hash, and every hash matching its event's content.
Events are read in batches, so memory stays flat however long the log.

Exit codes: 0 chain verified, 1 chain broken (the first bad event is named),
2 could not check (usage, configuration or store error).`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Usage, configuration and store errors share exit 2: in each case the chain was not checked. */
const EXIT_NOT_CHECKED = EXIT.usage;

async function verifyConfiguredChain(): Promise<ChainCheck> {
  const store = await openConfiguredStore(loadConfig());
  try {
    return await verifyStoredAuditChain(store.audit);
  } finally {
    await store.close();
  }
}

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args, OPTIONS);
  if (options.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  let check: ChainCheck;
  try {
    check = await verifyConfiguredChain();
  } catch (err) {
    console.error(`Could not check the audit chain: ${err instanceof Error ? err.message : String(err)}`);
    return EXIT_NOT_CHECKED;
  }
  if (check.ok) {
    console.log(`Audit chain OK: ${check.count} events`);
    return EXIT.ok;
  }
  console.error(`Audit chain BROKEN at event ${check.badSeq}: ${describeChainProblem(check)}`);
  return EXIT.failed;
}

runScript(main, USAGE);
