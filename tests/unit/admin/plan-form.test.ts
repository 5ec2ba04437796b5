// The plan form's logic (admin/src/pages/Plans/planForm.ts): the body it sends (accepted by the server's
// own schema), its checks, where a server error on one note line is shown, and the final-price preview
// (the contract's rule, the one the server prices with). Plain TypeScript, no React.
import type { Plan } from '../../../contracts';
import { finalPlanPrice } from '../../../contracts';
import { checkPlanForm, noteLines, notesError, previewFinalPrice, toPlanForm, toPlanInput } from '../../../admin/src/pages/Plans/planForm';
import type { TFunction } from '../../../admin/src/utils/translations';
import { parsePlanCreate, parsePlanUpdate } from '../../../server/src/validation/plans';

/** A stand-in for react-intl: the key and its values, so assertions read what the user would be told. */
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)) as unknown as TFunction;

const plan: Plan = {
  id: 7,
  name: 'Pro Yearly',
  description: 'A year of Pro',
  price: '240',
  currency: 'USD',
  interval: 'yearly',
  periodCredit: '300',
  discount: '20',
  finalPrice: '192.00',
  enabled: false,
  sortOrder: 2,
  notes: ['$300 a year', 'Priority support'],
  activeSubscriptions: 3,
  subscriptions: 5,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('plan form', () => {
  it('round-trips a plan into the body of its fields, which the server accepts as a create and as an update', () => {
    const body = toPlanInput(toPlanForm(plan));
    expect(body).toEqual({
      name: 'Pro Yearly',
      description: 'A year of Pro',
      price: '240',
      interval: 'yearly',
      periodCredit: '300',
      discount: '20',
      enabled: false,
      sortOrder: 2,
      notes: ['$300 a year', 'Priority support'],
    });
    expect(parsePlanCreate(body, 'USD')).toEqual(body);
    expect(parsePlanUpdate(body, 'USD')).toEqual(body);
  });

  it('starts a new plan monthly, enabled, without discount, first in order', () => {
    expect(toPlanForm()).toEqual({
      name: '',
      description: '',
      price: '',
      interval: 'monthly',
      periodCredit: '',
      discount: '0',
      enabled: true,
      sortOrder: '0',
      notes: '',
    });
  });

  it('sends trimmed text, no description as null, an empty discount as 0 and the notes as lines without empty ones', () => {
    const form = { ...toPlanForm(), name: '  Team ', description: '   ', price: ' 9.99 ', periodCredit: '12.5', discount: ' ', sortOrder: ' -3 ' };
    form.notes = '  Every model \n\n\r\nEmail support\n   ';
    expect(toPlanInput(form)).toEqual({
      name: 'Team',
      description: null,
      price: '9.99',
      interval: 'monthly',
      periodCredit: '12.5',
      discount: '0',
      enabled: true,
      sortOrder: -3,
      notes: ['Every model', 'Email support'],
    });
    expect(noteLines('a\n\n b ')).toEqual(['a', 'b']);
  });

  it('checks each field before sending, with the contract rules', () => {
    const ok = { ...toPlanForm(), name: 'Team', price: '9.99', periodCredit: '10' };
    expect(checkPlanForm(ok, t)).toEqual({});
    expect(checkPlanForm({ ...ok, discount: '100' }, t)).toEqual({});
    expect(checkPlanForm({ ...ok, discount: '12.5' }, t)).toEqual({});
    expect(
      checkPlanForm({ ...ok, name: ' ', price: '-1', periodCredit: '1e3', discount: '100.5', sortOrder: '1.5' }, t),
    ).toEqual({
      name: 'errors.required',
      price: 'errors.decimal',
      periodCredit: 'errors.decimal',
      discount: 'plans.errors.discount',
      sortOrder: 'plans.errors.sortOrder',
    });
    expect(checkPlanForm({ ...ok, notes: Array.from({ length: 21 }, (_, i) => `line ${i}`).join('\n') }, t).notes).toBe(
      'plans.errors.notesLines {"max":20}',
    );
    expect(checkPlanForm({ ...ok, notes: `short\n${'x'.repeat(501)}` }, t).notes).toBe('plans.errors.noteLength {"max":500}');
  });

  it('shows a server error on one note line on the notes field', () => {
    expect(notesError({ 'notes[2]': 'must not be empty' })).toBe('must not be empty');
    expect(notesError({ notes: 'must have at most 20 lines', 'notes[2]': 'x' })).toBe('must have at most 20 lines');
    expect(notesError({ price: 'bad' })).toBeUndefined();
  });

  it('previews what buyers pay by the contract rule, rounded half-up to the cent, and nothing while invalid', () => {
    const form = { ...toPlanForm(), price: '9.99', discount: '20' };
    expect(previewFinalPrice(form, 'USD')).toEqual({ price: '9.99', discount: '20', finalPrice: '7.99' });
    expect(previewFinalPrice({ ...form, price: '10.01', discount: '50' }, 'USD')?.finalPrice).toBe('5.01');
    expect(previewFinalPrice({ ...form, discount: '' }, 'USD')?.finalPrice).toBe('9.99');
    expect(previewFinalPrice({ ...form, price: '1999', discount: '12.5' }, 'JPY')?.finalPrice).toBe(finalPlanPrice('1999', '12.5', 'JPY'));
    expect(previewFinalPrice({ ...form, price: '' }, 'USD')).toBeUndefined();
    expect(previewFinalPrice({ ...form, discount: '101' }, 'USD')).toBeUndefined();
  });
});
