import type { Connector, TestOptions, TestResult } from '../types.ts';
import { startTestSession } from './test-session.ts';
import type { StreamProtocol } from './ws-protocol.ts';
import { closeStream, drain, openStream, pingOnce, type StreamDeps } from './ws-session.ts';

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
  const session = startTestSession(connector, deps.clock, options);
  const { step, found } = session;
  try {
    await session.syncClock();
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
    const balance = open.balance;
    found.balance = balance;
    if (balance)
      step(
        `Balance (stream): ${balance.total} ${balance.currency} total, ${balance.available} available, ${balance.assets.length} assets`,
      );
    else step('Balance: this exchange pushes balances only when they change (none on subscribe)');
    const code = await closeStream(open, deps);
    step(`Closed cleanly (code ${code ?? 1000})`);
    return session.passed();
  } catch (err) {
    return session.failed(err);
  }
}
