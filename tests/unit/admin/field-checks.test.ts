// An empty required decimal field is told "required", a mistyped one "Enter a non-negative decimal"
// (issue 15): the shared check (admin/src/utils/fieldChecks.ts, also used by the code, tool price,
// multiplier and adjust forms) and the plan form.
import { checkPlanForm, toPlanForm } from '../../../admin/src/pages/Plans/planForm';
import { requiredAmountError, requiredPriceError } from '../../../admin/src/utils/fieldChecks';
import type { TFunction } from '../../../admin/src/utils/translations';

/** A stand-in for react-intl: the key, so assertions read which message the user gets. */
const t = ((key: string) => key) as unknown as TFunction;

test.each([
  ['', 'errors.required'],
  ['   ', 'errors.required'],
  ['abc', 'errors.decimal'],
  ['-1', 'errors.decimal'],
  ['12.75', undefined],
])('a required amount %j → %s', (value, expected) => {
  expect(requiredAmountError(value, t)).toBe(expected);
  expect(requiredPriceError(value, t)).toBe(expected);
});

test('the plan form: empty name, price and credit are required; a mistyped price is not a decimal', () => {
  const empty = checkPlanForm(toPlanForm(), t);
  expect(empty).toMatchObject({ name: 'errors.required', price: 'errors.required', periodCredit: 'errors.required' });
  expect(checkPlanForm({ ...toPlanForm(), name: 'Pro', price: '1,5', periodCredit: '10' }, t)).toEqual({ price: 'errors.decimal' });
});
