import { toCtsError } from '../../errors/cts-error.ts';
import type { Balance, Connector, TestOptions, TestResult } from '../types.ts';
import { clockOffsetStep } from './clock-sync.ts';
import { stepLogger } from './step-log.ts';
import type { StreamProtocol } from './ws-protocol.ts';
import { closeStream, drain, openStream, pingOnce, type StreamDeps } from './ws-session.ts';

/** Offsets beyond this are reported as a warning (as in the REST test). */
const LARGE_OFFSET_MS = 1000;

/**
 * The connection test of a `websocket` connection: REST clock sync, then the private stream — open,
 * authenticate, subscribe (first balance where the exchange pushes one), one heartbeat, clean close.
 * Same TestResult shape and log style as the REST test; never throws for exchange failures.
 */
export async function runStreamConnectionTest(
  connector: Connector,
  protocol: StreamProtocol,
  deps: StreamDeps,
  options: TestOptions = {},
): Promise<TestResult> {
  const { clock } = deps;
  const started = clock.now();
  const log: string[] = [];
  const warnings: string[] = [];
  const step = stepLogger(log, clock, options.onStep);
  let balance: Balance | null = null;
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
    const open = await openStream(protocol, deps, step);
    try {
      if (protocol.ping !== null) {
        const rtt = await pingOnce(open, protocol, deps);
        step(`Heartbeat: pong in ${rtt} ms`);
      }
      drain(open, protocol);
      if (protocol.ping === null)
        step(
          open.heartbeatsAnswered > 0
            ? `Heartbeat: answered ${open.heartbeatsAnswered} server ping(s) (${protocol.heartbeatNote})`
            : `Heartbeat: ${protocol.heartbeatNote}; none due during this test`,
        );
    } catch (err) {
      await open.connection.close(1000);
      await open.plan.release?.().catch(() => {});
      throw err;
    }
    balance = open.balance;
    if (balance)
      step(
        `Balance (stream): ${balance.total} ${balance.currency} total, ${balance.available} available, ${balance.assets.length} assets`,
      );
    else step('Balance: this exchange pushes balances only when they change (none on subscribe)');
    const code = await closeStream(open, deps);
    step(`Closed cleanly (code ${code ?? 1000})`);
    step('Test passed');
    return {
      success: true,
      balance,
      permissions: null,
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
      permissions: null,
      clockOffsetMs,
      duration: clock.now() - started,
      log,
      warnings,
      error: { code: error.code, message: error.message, exchangeCode: error.exchangeCode, hint: error.hint },
    };
  }
}
