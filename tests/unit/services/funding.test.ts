// The funding sources' decisions that need no database: authorizing in self mode, and free models in period mode. What the
// sources charge (and usage mode's holds) runs against a real database: tests/integration/funding.test.ts.
import { DEFAULT_SETTINGS } from '../../../contracts/settings';
import { FUNDING_SOURCES } from '../../../server/src/services/funding';
import type { AuthorizeContext } from '../../../server/src/services/funding/types';
import type { Trx } from '../../../server/src/services/db';

/** A transaction handle that fails the test if a source touches the database at all. */
const untouchableTrx = new Proxy(
  () => undefined,
  {
    get: (_, property) => {
      throw new Error(`the database was used (trx.${String(property)})`);
    },
    apply: () => {
      throw new Error('the database was used (trx(…))');
    },
  },
) as unknown as Trx;

const context = (free: boolean): AuthorizeContext => ({
  trx: untouchableTrx,
  account: { id: 1, userId: 'u-1', balance: 0n, status: 'active' },
  settings: DEFAULT_SETTINGS,
  model: 'some-model',
  requestId: 'req-1',
  free,
});

describe('self funding: authorize', () => {
  test.each([false, true])('free=%s → allowed in self mode, nothing reserved, no database access', async (free) => {
    await expect(FUNDING_SOURCES.self.authorize(context(free))).resolves.toEqual({ allowed: true, mode: 'self' });
  });
});

describe('period funding: authorize', () => {
  test('a free model is allowed (it never consumes credit)', async () => {
    await expect(FUNDING_SOURCES.period.authorize(context(true))).resolves.toEqual({ allowed: true, mode: 'period' });
  });
});
