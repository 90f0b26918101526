import type { Clock } from '../../ports/clock.ts';
import type { Connector, TestOptions, TestResult } from '../types.ts';
import { startTestSession } from './test-session.ts';

/**
 * The connection test every connector shares: clock sync, the signed balance call, the key's permissions.
 * Never throws for exchange failures: they become `error` with our code and a hint.
 */
export async function runConnectionTest(
  connector: Connector,
  clock: Clock,
  options: TestOptions = {},
): Promise<TestResult> {
  const session = startTestSession(connector, clock, options);
  const { step, warnings, found, call } = session;
  try {
    await session.syncClock();
    step('Fetching balance (signed request)...');
    // The two signed calls do not depend on each other: both are sent at once (the limiter spaces them), so a
    // test costs one round trip less, and a full window does not leave a test's second call to the next one.
    const balanceCall = connector.getBalance(call);
    const pending = connector.getPermissions(call);
    pending.catch(() => {}); // awaited below; a failed balance call ends the test first
    const balance = await balanceCall;
    found.balance = balance;
    step(
      `Balance: ${balance.total} ${balance.currency} total, ${balance.available} available, ${balance.assets.length} assets`,
    );
    step('Checking key permissions...');
    const permissions = await pending;
    found.permissions = permissions;
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
    return session.passed();
  } catch (err) {
    return session.failed(err);
  }
}
