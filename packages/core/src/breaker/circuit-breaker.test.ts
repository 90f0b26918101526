import { ManualClock } from '@cts/testkit';
import { describe, expect, it } from 'vitest';
import { CtsError } from '../errors/cts-error.ts';
import { CircuitBreaker } from './circuit-breaker.ts';

const failure = { code: 'timeout' };

describe('CircuitBreaker', () => {
  it('opens after 3 consecutive failures and refuses calls with the wait until the probe', async () => {
    const clock = new ManualClock({ start: 0 });
    const b = new CircuitBreaker({ clock, cooldownMs: 30_000 });
    expect(b.acquire()).toBe('call');
    expect(b.onFailure(failure)).toBe(false);
    expect(b.onFailure(failure)).toBe(false);
    expect(b.state).toBe('closed');
    expect(b.onFailure(failure)).toBe(true);
    expect(b.state).toBe('open');
    await clock.advance(10_000);
    try {
      b.acquire();
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CtsError);
      expect((err as CtsError).code).toBe('circuit_open');
      expect((err as CtsError).retryAfterMs).toBe(20_000);
    }
  });

  it('a success in between resets the count', () => {
    const b = new CircuitBreaker({ clock: new ManualClock() });
    b.onFailure(failure);
    b.onFailure(failure);
    b.onSuccess();
    expect(b.onFailure(failure)).toBe(false);
    expect(b.failures).toBe(1);
  });

  it('lets exactly one half-open probe through after the cool-down; its success closes the breaker', async () => {
    const clock = new ManualClock({ start: 0 });
    const b = new CircuitBreaker({ clock, failureThreshold: 3, cooldownMs: 1000 });
    for (let i = 0; i < 3; i++) b.onFailure(failure);
    await clock.advance(1000);
    expect(b.state).toBe('half_open');
    expect(b.acquire()).toBe('probe');
    expect(() => b.acquire()).toThrow(CtsError);
    b.onSuccess();
    expect(b.state).toBe('closed');
    expect(b.acquire()).toBe('call');
  });

  it('a failed probe re-opens for a fresh cool-down', async () => {
    const clock = new ManualClock({ start: 0 });
    const b = new CircuitBreaker({ clock, cooldownMs: 1000 });
    for (let i = 0; i < 3; i++) b.onFailure(failure);
    await clock.advance(1000);
    b.acquire();
    expect(b.onFailure(failure)).toBe(true);
    expect(b.state).toBe('open');
    expect(b.nextProbeAt).toBe(2000);
  });

  it('a ban opens at once and its wait sets the cool-down exactly', () => {
    const clock = new ManualClock({ start: 5000 });
    const b = new CircuitBreaker({ clock, cooldownMs: 60_000 });
    expect(b.onFailure({ code: 'banned', retryAfterMs: 123_456 })).toBe(true);
    expect(b.nextProbeAt).toBe(5000 + 123_456);
  });

  it('a Retry-After on the opening failure sets the cool-down exactly', () => {
    const clock = new ManualClock({ start: 0 });
    const b = new CircuitBreaker({ clock, cooldownMs: 60_000 });
    b.onFailure({ code: 'rate_limited' });
    b.onFailure({ code: 'rate_limited' });
    b.onFailure({ code: 'rate_limited', retryAfterMs: 7000 });
    expect(b.nextProbeAt).toBe(7000);
  });

  it('saves and restores its state', async () => {
    const clock = new ManualClock({ start: 0 });
    const b = new CircuitBreaker({ clock, cooldownMs: 1000 });
    for (let i = 0; i < 3; i++) b.onFailure(failure);
    const saved = JSON.parse(JSON.stringify(b.snapshot()));
    expect(saved).toEqual({ state: 'open', failures: 3, openedAt: 0, nextProbeAt: 1000 });
    const restored = new CircuitBreaker({ clock, cooldownMs: 1000, snapshot: saved });
    expect(restored.state).toBe('open');
    await clock.advance(1000);
    expect(restored.acquire()).toBe('probe');
    expect(() => new CircuitBreaker({ clock, snapshot: { ...saved, nextProbeAt: null } })).toThrow(TypeError);
  });

  it('refuses invalid options naming the field', () => {
    expect(() => new CircuitBreaker({ clock: new ManualClock(), failureThreshold: 0 })).toThrow(
      /breaker.failureThreshold/,
    );
    expect(() => new CircuitBreaker({ clock: new ManualClock(), cooldownMs: -1 })).toThrow(
      /breaker.cooldownMs/,
    );
  });
});
