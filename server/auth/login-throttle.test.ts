import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

function throttleAt(start = 1_000_000) {
  let now = start;
  const throttle = new LoginThrottle({ perUser: 3, perAddress: 5, windowMs: 60_000 }, () => now);
  return { throttle, advance: (ms: number) => (now += ms) };
}

describe('LoginThrottle', () => {
  it('allows attempts until a user has too many failures, then says how long to wait', () => {
    const { throttle, advance } = throttleAt();
    for (let i = 0; i < 3; i += 1) {
      expect(throttle.retryAfterMs('anna', '10.0.0.1')).toBe(0);
      throttle.recordFailure('anna', '10.0.0.1');
      advance(1_000);
    }
    expect(throttle.retryAfterMs('anna', '10.0.0.1')).toBe(57_000);
    expect(throttle.retryAfterMs('ANNA', '10.0.0.2')).toBe(57_000);
  });

  it('lets the user try again once the oldest failure leaves the window', () => {
    const { throttle, advance } = throttleAt();
    for (let i = 0; i < 3; i += 1) throttle.recordFailure('anna', '10.0.0.1');
    advance(60_001);
    expect(throttle.retryAfterMs('anna', '10.0.0.1')).toBe(0);
  });

  it('limits one address across many user names', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 5; i += 1) throttle.recordFailure(`user${i}`, '10.0.0.9');
    expect(throttle.retryAfterMs('someone-else', '10.0.0.9')).toBeGreaterThan(0);
    expect(throttle.retryAfterMs('someone-else', '10.0.0.8')).toBe(0);
  });

  it('clears the user count on success but not the address count', () => {
    const { throttle } = throttleAt();
    for (let i = 0; i < 2; i += 1) throttle.recordFailure('anna', '10.0.0.1');
    throttle.recordSuccess('anna');
    throttle.recordFailure('anna', '10.0.0.1');
    throttle.recordFailure('anna', '10.0.0.1');
    expect(throttle.retryAfterMs('anna', '10.0.0.1')).toBe(0);
    throttle.recordFailure('anna', '10.0.0.1');
    expect(throttle.retryAfterMs('anna', '10.0.0.1')).toBeGreaterThan(0);
  });
});
