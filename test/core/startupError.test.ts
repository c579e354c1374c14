import { expect, test } from 'vitest';
import { z } from 'zod';
import { describeStartupError } from '../../src/startupError.ts';

test('GIVEN a validation error WHEN the bot cannot start THEN the owner reads one line naming the field, not JSON', () => {
  const result = z.object({ seed: z.int().max(10) }).safeParse({ seed: 4_230_836_727 });
  if (result.success) throw new Error('expected a failure');
  const line = describeStartupError(result.error);
  expect(line).toBe('invalid data: seed: Too big: expected number to be <=10');
  expect(line).not.toMatch(/[[{\n]/);
});

test('GIVEN any error THEN the line is single and bounded', () => {
  const long = new Error(`first line\nsecond line ${'x'.repeat(1000)}`);
  const line = describeStartupError(long);
  expect(line.split('\n')).toHaveLength(1);
  expect(line.length).toBeLessThanOrEqual(300);
  expect(describeStartupError('plain')).toBe('plain');
  const coded = Object.assign(new Error('permission denied'), { code: 'EACCES' });
  expect(describeStartupError(coded)).toBe('EACCES: permission denied');
});
