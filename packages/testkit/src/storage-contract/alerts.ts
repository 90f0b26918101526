import type { AlertChannel, AlertEvent, AlertState, Delivery } from '@cts/core/alerts';
import { type Storage, VersionConflictError } from '@cts/core/storage';
import { beforeEach, describe, expect, it } from 'vitest';
import { blob, connectionFields, type MakeStorage, T0 } from './fixtures.ts';

function ev(fingerprint: string, overrides: Partial<AlertEvent> = {}): AlertEvent {
  return {
    type: 'connection.error',
    status: 'firing',
    severity: 'critical',
    fingerprint,
    title: `t ${fingerprint}`,
    message: 'm',
    at: T0,
    ...overrides,
  };
}

function delivery(id: string, overrides: Partial<Delivery> = {}): Delivery {
  return {
    id,
    channelId: 'ch1',
    kind: 'alert',
    event: ev('connection:c1'),
    since: T0,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: T0,
    claimedUntil: null,
    lastStatus: null,
    lastError: null,
    createdAt: T0,
    deliveredAt: null,
    ...overrides,
  };
}

function channel(id: string, createdAt = T0): AlertChannel {
  return {
    id,
    name: `Ops ${id}`,
    type: 'slack',
    enabled: true,
    filters: { events: ['connection.error'], exchanges: ['okx'], connections: [], minSeverity: 'warning' },
    settings: {},
    masked: { url: 'https://hooks.slack.com/…abcd' },
    secrets: blob(id),
    createdAt,
    updatedAt: createdAt,
  };
}

const state = (fp: string, over: Partial<AlertState> = {}): AlertState => ({
  fingerprint: fp,
  status: 'firing',
  event: ev(fp),
  since: T0,
  notifiedAt: T0,
  nextReminderAt: T0 + 1000,
  resolveAt: null,
  resolvedEvent: null,
  channelIds: ['ch1'],
  ...over,
});

/** Alerts: the outbox written with a connection update, commits, claims with leases, attempts, channels, locks. */
export function alertsContract(makeStorage: MakeStorage): void {
  describe('alerts', () => {
    let s: Storage;
    beforeEach(async () => {
      s = await makeStorage();
    });
    const alerts = () => {
      if (!s.alerts) throw new Error('this storage has no alerts store');
      return s.alerts;
    };

    it("writes an update's outbox events with it, and none when the update is refused", async () => {
      await s.connections.create('c1', connectionFields(), blob('a'), T0);
      await s.connections.update(
        'c1',
        { state: 'error' },
        { now: T0 + 1, expectedVersion: 1, outbox: [ev('a'), ev('b')] },
      );
      await expect(
        s.connections.update(
          'c1',
          { state: 'active' },
          { now: T0 + 2, expectedVersion: 1, outbox: [ev('lost')] },
        ),
      ).rejects.toThrow(VersionConflictError);
      await s.connections.update('c1', { state: 'active' }, { now: T0 + 3, outbox: [ev('c')] });
      const out = await alerts().pendingOutbox(10);
      expect(out.map((e) => e.event.fingerprint)).toEqual(['a', 'b', 'c']);
      expect(out[0]).toMatchObject({ createdAt: T0 + 1, event: ev('a') });
      expect(out[0]!.seq).toBeLessThan(out[1]!.seq);
    });

    it('commits an outbox entry once: state and deliveries written, a second commit of it refused', async () => {
      await alerts().enqueue([ev('x')], T0);
      const [entry] = await alerts().pendingOutbox(1);
      const commit = { seq: entry!.seq, fingerprint: 'x', state: state('x'), deliveries: [delivery('d1')] };
      expect(await alerts().commit(commit)).toBe(true);
      expect(await alerts().commit({ ...commit, deliveries: [delivery('d2')] })).toBe(false);
      expect(await alerts().pendingOutbox(10)).toEqual([]);
      expect(await alerts().getState('x')).toEqual(state('x'));
      expect((await alerts().listDeliveries()).map((d) => d.id)).toEqual(['d1']);
      expect(await alerts().getDelivery('d1')).toEqual(delivery('d1'));
      await alerts().commit({ seq: null, fingerprint: 'x', state: null, deliveries: [] });
      expect(await alerts().getState('x')).toBeNull();
    });

    it('lists due states: reminders and resolutions at their time', async () => {
      await alerts().commit({
        seq: null,
        fingerprint: 'r',
        state: state('r', { nextReminderAt: T0 + 50 }),
        deliveries: [],
      });
      await alerts().commit({
        seq: null,
        fingerprint: 'z',
        state: state('z', {
          status: 'resolving',
          resolveAt: T0 + 10,
          resolvedEvent: ev('z', { status: 'resolved' }),
        }),
        deliveries: [],
      });
      expect((await alerts().dueStates(T0 + 9, 10)).map((x) => x.fingerprint)).toEqual([]);
      expect((await alerts().dueStates(T0 + 10, 10)).map((x) => x.fingerprint)).toEqual(['z']);
      expect((await alerts().dueStates(T0 + 50, 10)).map((x) => x.fingerprint).sort()).toEqual(['r', 'z']);
      expect(await alerts().nextDueAt()).toBe(T0 + 10);
    });

    it('claims a due delivery once, and again only after the lease of a dead claimer', async () => {
      await alerts().commit({
        seq: null,
        deliveries: [delivery('d1'), delivery('later', { nextAttemptAt: T0 + 5000 })],
      });
      const first = await alerts().claimDeliveries(T0, 1000, 10);
      expect(first.map((d) => [d.id, d.status, d.claimedUntil])).toEqual([['d1', 'sending', T0 + 1000]]);
      expect(await alerts().claimDeliveries(T0 + 999, 1000, 10)).toEqual([]);
      expect((await alerts().claimDeliveries(T0 + 1000, 1000, 10)).map((d) => d.id)).toEqual(['d1']);
      expect((await alerts().claimDeliveries(T0 + 5000, 1000, 10)).map((d) => d.id).sort()).toEqual([
        'd1',
        'later',
      ]);
    });

    it('records attempts beside the delivery status, newest deliveries first', async () => {
      await alerts().commit({
        seq: null,
        deliveries: [delivery('d1'), delivery('d2', { createdAt: T0 + 1, channelId: 'ch2' })],
      });
      const [d] = await alerts().claimDeliveries(T0, 1000, 1);
      const attempt = {
        deliveryId: 'd1',
        attempt: 1,
        at: T0,
        durationMs: 5,
        httpStatus: 500,
        error: 'HTTP 500',
        outcome: 'retry' as const,
      };
      await alerts().recordAttempt(
        {
          ...d!,
          status: 'pending',
          attempts: 1,
          claimedUntil: null,
          lastStatus: 500,
          lastError: 'HTTP 500',
          nextAttemptAt: T0 + 100,
        },
        attempt,
      );
      await alerts().recordAttempt(
        {
          ...d!,
          status: 'delivered',
          attempts: 2,
          claimedUntil: null,
          lastStatus: 200,
          lastError: null,
          deliveredAt: T0 + 200,
        },
        { ...attempt, attempt: 2, at: T0 + 200, httpStatus: 200, error: null, outcome: 'delivered' },
      );
      expect(await alerts().getDelivery('d1')).toMatchObject({
        status: 'delivered',
        attempts: 2,
        lastStatus: 200,
        deliveredAt: T0 + 200,
      });
      expect((await alerts().listAttempts('d1')).map((a) => [a.attempt, a.httpStatus, a.outcome])).toEqual([
        [1, 500, 'retry'],
        [2, 200, 'delivered'],
      ]);
      expect((await alerts().listDeliveries()).map((x) => x.id)).toEqual(['d2', 'd1']);
      expect((await alerts().listDeliveries({ channelId: 'ch2' })).map((x) => x.id)).toEqual(['d2']);
      expect(await alerts().purge(T0 + 1)).toBe(1);
      expect(await alerts().listAttempts('d1')).toEqual([]);
    });

    it('hands a lock to one holder until its lease ends', async () => {
      expect(await alerts().acquireLock('l', 'a', T0, 100)).toBe(true);
      expect(await alerts().acquireLock('l', 'b', T0 + 50, 100)).toBe(false);
      expect(await alerts().acquireLock('l', 'a', T0 + 50, 100)).toBe(true);
      expect(await alerts().acquireLock('l', 'b', T0 + 150, 100)).toBe(true);
      await alerts().releaseLock('l', 'b');
      expect(await alerts().acquireLock('l', 'a', T0 + 151, 100)).toBe(true);
    });

    it('stores channels: create, get, list in creation order, update, delete', async () => {
      await alerts().createChannel(channel('b', T0 + 1));
      await alerts().createChannel(channel('a', T0));
      expect(await alerts().getChannel('a')).toEqual(channel('a'));
      expect((await alerts().listChannels()).map((c) => c.id)).toEqual(['a', 'b']);
      expect(await alerts().updateChannel({ ...channel('a'), name: 'Renamed', enabled: false })).toBe(true);
      expect(await alerts().getChannel('a')).toMatchObject({ name: 'Renamed', enabled: false });
      expect(await alerts().updateChannel(channel('zz'))).toBe(false);
      expect(await alerts().deleteChannel('a')).toBe(true);
      expect(await alerts().deleteChannel('a')).toBe(false);
      expect(await alerts().getChannel('a')).toBeNull();
    });
  });
}
