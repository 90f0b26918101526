import { CtsError, NotFoundError, ValidationError, VersionConflictError } from '@cts/core';
import { describe, expect, it } from 'vitest';
import { describeError } from './errors.ts';

describe('describeError (the API map, seen by a person)', () => {
  it('answers like the API: 404, 409, and the status of a CtsError code with its hint', () => {
    expect(describeError(new NotFoundError('connection', 'c1')).status).toBe(404);
    const conflict = describeError(new VersionConflictError('c1', 1, 2));
    expect(conflict.status).toBe(409);
    // The API names `version` for a client; the form shows a conflict above the fields instead.
    expect(conflict.field).toBeUndefined();
    const limited = describeError(new CtsError('rate_limited', 'slow down', { hint: 'Wait a minute' }));
    expect(limited).toEqual({ status: 429, message: 'slow down', hint: 'Wait a minute' });
  });

  it('names the field of a validation error', () => {
    expect(describeError(new ValidationError('name', 'must not be empty'))).toMatchObject({
      status: 400,
      field: 'name',
    });
  });

  it('rethrows what the map does not expect (a programmer error)', () => {
    const bug = new Error('boom');
    expect(() => describeError(bug)).toThrow(bug);
  });
});
