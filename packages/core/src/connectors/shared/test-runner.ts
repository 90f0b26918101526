import { toCtsError } from '../../errors/cts-error.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Balance, Connector, Permissions, TestOptions, TestResult } from '../types.ts';
import { clockOffsetStep } from './clock-sync.ts';
import { stepLogger } from './step-log.ts';

/** Offsets beyond this are reported as a warning even when the exchange accepted the request. */
const LARGE_OFFSET_MS = 1000;

/**
 * The connection test every connector shares: clock sync, the signed balance call, the key's permissions.
 * Never throws for exchange failures: they become `error` with our code and a hint.
 */
export async function runConnectionTest(
  connector: Connector,
  clock: Clock,
  options: TestOptions = {},
): Promise<TestResult> {
  const started = clock.now();
  const log: string[] = [];
  const warnings: string[] = [];
  const step = stepLogger(log, clock, options.onStep);
  let balance: Balance | null = null;
  let permissions: Permissions | null = null;
  let clockOffsetMs: number | null = null;
  step(`Starting test of ${connector.exchange} ${connector.apiType} (${connector.environment})...`);
  try {
    step('Syncing clock with the exchange...');
    const offset = await connector.syncClock();
    clockOffsetMs = offset.offsetMs;
    step(clockOffsetStep(offset));
    if (Math.abs(offset.offsetMs) > LARGE_OFFSET_MS)
      warnings.push(
        `This machine's clock is ${offset.offsetMs} ms off the exchange's; signed timestamps are corrected, but sync NTP.`,
      );
    step('Fetching balance (signed request)...');
    balance = await connector.getBalance();
    step(
      `Balance: ${balance.total} ${balance.currency} total, ${balance.available} available, ${balance.assets.length} assets`,
    );
    step('Checking key permissions...');
    permissions = await connector.getPermissions();
    if (permissions.unknown) step('Permissions: the exchange does not report them for this key');
    else
      step(
        `Permissions: read=${permissions.read} trade=${permissions.trade} withdraw=${permissions.withdraw} transfer=${permissions.transfer} ipRestricted=${permissions.ipRestricted}`,
      );
    if (permissions.withdraw)
      warnings.push(
        'This key can withdraw funds: a monitoring key should not. Remove the withdrawal permission.',
      );
    if (!permissions.ipRestricted && !permissions.unknown && !permissions.ipUnknown)
      warnings.push('This key is not bound to an IP whitelist.');
    if (permissions.expiresAt !== null && permissions.expiresAt - clock.now() < 7 * 86_400_000)
      warnings.push(`This key expires on ${new Date(permissions.expiresAt).toISOString()}.`);
    step('Test passed');
    return {
      success: true,
      balance,
      permissions,
      clockOffsetMs,
      duration: clock.now() - started,
      log,
      warnings,
    };
  } catch (err) {
    const error = toCtsError(err);
    step(
      `Test failed: ${error.message}${error.exchangeCode !== undefined ? ` (exchange code ${error.exchangeCode})` : ''}`,
    );
    step(`Hint: ${error.hint}`);
    return {
      success: false,
      balance,
      permissions,
      clockOffsetMs,
      duration: clock.now() - started,
      log,
      warnings,
      error: { code: error.code, message: error.message, exchangeCode: error.exchangeCode, hint: error.hint },
    };
  }
}
