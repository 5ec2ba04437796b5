// The model price form's logic (admin/src/pages/ModelPricing/priceForm.ts): what an empty field will be billed
// at, the body it sends (only set prices; the model's extras once, never per tier) and its checks, which
// mirror the server's (the ambiguous cached-audio fallback included). Plain TypeScript, no React.
import { validatePricingFile } from '../../../server/src/rating';
import { fallbackPlaceholder, hasMoreThanText, toBody, toForm, validate } from '../../../admin/src/pages/ModelPricing/priceForm';
import type { TFunction } from '../../../admin/src/utils/translations';

/** A stand-in for react-intl: the key and its values, so assertions read what the user would be told. */
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)) as unknown as TFunction;

describe('price form', () => {
  it('round-trips a price with every kind of token, a fee per request and tool prices into the same body', () => {
    const price = {
      model: 'gpt-realtime',
      mode: 'token' as const,
      enabled: true,
      input: '4',
      cacheRead: '0',
      inputAudio: '32',
      cacheReadAudio: '0.4',
      outputAudio: '64',
      perRequest: '0.001',
      tools: { web_search: '0.01' },
    };
    expect(toBody(toForm(price))).toEqual(price);
    expect(validatePricingFile({ version: 1, models: [toBody(toForm(price))] }).ok).toBe(true);
  });

  it('sends the extras of a tiered price once, on the model, and the tier prices per tier', () => {
    const form = toForm({ model: 'm', mode: 'tiered', tiers: [{ upTo: 10, input: '1', inputVideo: '2' }, { upTo: null, input: '2' }] });
    form.perRequest = '0.01';
    form.tools = [{ tool: 'web_search', price: '0' }, { tool: '', price: '' }];
    expect(toBody(form)).toEqual({
      model: 'm',
      mode: 'tiered',
      enabled: true,
      tiers: [{ upTo: 10, input: '1', inputVideo: '2' }, { upTo: null, input: '2' }],
      perRequest: '0.01',
      tools: { web_search: '0' },
    });
  });

  it('leaves the extras out of the other modes', () => {
    const form = toForm({ model: 'm', mode: 'per_call', perCall: '1' });
    form.perRequest = '0.01';
    expect(toBody(form)).toEqual({ model: 'm', mode: 'per_call', enabled: true, perCall: '1' });
  });

  it('shows in an empty field the price it will be billed at', () => {
    const form = toForm({ mode: 'token', input: '3', cacheWrite: '3.75', inputAudio: '32' });
    expect(fallbackPlaceholder(form, 'output', t)).toBe('0');
    expect(fallbackPlaceholder(form, 'cacheRead', t)).toBe('price.field.fallback {"price":"3","field":"price.field.input"}');
    expect(fallbackPlaceholder(form, 'cacheWrite1h', t)).toBe('price.field.fallback {"price":"3.75","field":"price.field.cacheWrite"}');
    expect(fallbackPlaceholder(form, 'cacheReadAudio', t)).toBe('price.field.fallback {"price":"32","field":"price.field.inputAudio"}');
    expect(fallbackPlaceholder(toForm({ mode: 'token' }), 'cacheRead', t)).toBe('0');
  });

  it('opens the folded section when anything beyond the text prices is set', () => {
    expect(hasMoreThanText(toForm({ mode: 'token', input: '1', cacheRead: '0' }))).toBe(false);
    expect(hasMoreThanText(toForm({ mode: 'token', cacheWrite1h: '6' }))).toBe(true);
    expect(hasMoreThanText(toForm({ mode: 'token', tools: { x: '1' } }))).toBe(true);
    expect(hasMoreThanText(toForm({ mode: 'tiered', tiers: [{ upTo: null, outputImage: '40' }] }))).toBe(true);
  });

  it('checks what the server checks: decimals, the ambiguous cached-audio fallback, tool rows', () => {
    const form = toForm({ model: 'm', mode: 'token', cacheRead: '0.4', inputAudio: '32', inputVideo: '-1', perRequest: 'x' });
    form.tools = [{ tool: 'web_search', price: '' }, { tool: 'web_search', price: '1' }, { tool: '', price: '2' }];
    expect(validate(form, t)).toEqual({
      inputVideo: 'errors.decimal',
      cacheReadAudio: 'price.errors.ambiguous {"first":"price.field.inputAudio","second":"price.field.cacheRead"}',
      perRequest: 'errors.decimal',
      'tools[0].price': 'errors.required',
      'tools[1].tool': 'price.errors.duplicateTool',
      'tools[2].tool': 'errors.required',
    });
    const tiered = toForm({ model: 'm', mode: 'tiered', tiers: [{ upTo: null, cacheRead: '1', inputImage: '2' }] });
    expect(validate(tiered, t)).toEqual({
      'tiers[0].cacheReadImage': 'price.errors.ambiguous {"first":"price.field.inputImage","second":"price.field.cacheRead"}',
    });
  });
});
