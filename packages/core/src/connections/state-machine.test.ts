import { describe, expect, it } from 'vitest';
import { maskApiKey } from './connection.ts';
import {
  allowedEvents,
  CONNECTION_EVENTS,
  CONNECTION_STATES,
  InvalidTransitionError,
  transition,
} from './state-machine.ts';

describe('connection state machine', () => {
  const expected: Array<[string, string, string]> = [
    ['disabled', 'enable', 'testing'],
    ['testing', 'test_passed', 'active'],
    ['testing', 'test_failed', 'error'],
    ['testing', 'auth_failed', 'error'],
    ['active', 'pause', 'paused'],
    ['active', 'breaker_opened', 'paused'],
    ['active', 'auth_failed', 'error'],
    ['paused', 'resume', 'active'],
    ['paused', 'test_passed', 'active'],
    ['paused', 'auth_failed', 'error'],
    ['error', 'pause', 'paused'],
    ['error', 'retest', 'testing'],
    ['error', 'test_passed', 'active'],
    ['active', 'disable', 'disabled'],
    ['paused', 'disable', 'disabled'],
    ['error', 'disable', 'disabled'],
    ['testing', 'disable', 'disabled'],
  ];

  it.each(expected)('goes from %s on %s to %s', (from, event, to) => {
    expect(transition(from as never, event as never)).toBe(to);
  });

  it('refuses every transition not in the table with a message naming the allowed events', () => {
    const allowed = new Set(expected.map(([f, e]) => `${f}:${e}`));
    let refused = 0;
    for (const from of CONNECTION_STATES) {
      for (const event of CONNECTION_EVENTS) {
        if (allowed.has(`${from}:${event}`) || allowedEvents(from).includes(event)) continue;
        expect(() => transition(from, event)).toThrow(InvalidTransitionError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(15);
    expect(() => transition('disabled', 'resume')).toThrow(
      /^Cannot resume a connection that is disabled; you can enable it$/,
    );
  });

  it('names only the actions a person can take in a refusal, never internal events', () => {
    const message = (from: Parameters<typeof transition>[0], event: Parameters<typeof transition>[1]) => {
      try {
        transition(from, event);
      } catch (err) {
        return (err as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(message('testing', 'pause')).toBe('Cannot pause a connection that is testing; you can disable it');
    expect(message('paused', 'pause')).toBe(
      'Cannot pause a connection that is paused; you can resume, disable it',
    );
    for (const from of ['disabled', 'testing', 'active', 'paused', 'error'] as const)
      for (const event of ['enable', 'pause', 'resume'] as const)
        if (!allowedEvents(from).includes(event))
          expect(message(from, event)).not.toMatch(
            /test_passed|test_failed|auth_failed|breaker_opened|retest/,
          );
  });

  it('never lets a disabled connection become active without a test', () => {
    expect(() => transition('disabled', 'test_passed')).toThrow(InvalidTransitionError);
    expect(() => transition('disabled', 'resume')).toThrow(InvalidTransitionError);
  });
});

describe('maskApiKey', () => {
  it('keeps only the first and last four characters', () => {
    expect(maskApiKey('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
    expect(maskApiKey('short')).toBe('s…t');
  });
});
