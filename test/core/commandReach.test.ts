import { expect, test } from 'vitest';
import { reachOf, USER_INSTALLABLE } from '../../src/core/commandReach.ts';

const host = (allowUserInstalls: boolean, allowDms = false) => ({ allowDms, allowUserInstalls });

test('with user installs on, the member commands are offered by both installs, in servers and private channels', () => {
  for (const name of USER_INSTALLABLE) {
    expect(reachOf(name, [0], host(true))).toEqual({ integration_types: [0, 1], contexts: [0, 2] });
  }
  expect(reachOf('imagine', [0], host(true, true))).toEqual({
    integration_types: [0, 1],
    contexts: [0, 1, 2],
  });
});

test('/settings and /usage stay with the server install, in servers only', () => {
  for (const name of ['settings', 'usage']) {
    expect(reachOf(name, [0], host(true, true))).toEqual({ integration_types: [0], contexts: [0] });
  }
});

test('with user installs off, nothing is user-installable and no private channel is offered', () => {
  expect(reachOf('imagine', [0, 2], host(false))).toEqual({ integration_types: [0], contexts: [0] });
  expect(reachOf('edit', [0], host(false, true))).toEqual({ integration_types: [0], contexts: [0, 1] });
  expect(reachOf('history', undefined, host(false))).toEqual({ integration_types: [0], contexts: [0] });
});
