import * as React from 'react';
import { Box, Flex, Grid, Typography } from '@strapi/design-system';

import { TOKEN_KINDS, type ModelPriceInput, type PricingMode, type QuoteSample } from '../../../../contracts';
import { useMultipliers, useQuote, useToolPrices } from '../../api/pricing';
import { BillLines } from '../../components/BillLines';
import { Callout } from '../../components/Callout';
import { FormCell, SelectField, TextField } from '../../components/FormFields';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { formatDecimal } from '../../utils/decimal';
import { useT, type TFunction, type TranslationKey } from '../../utils/translations';

type SampleField = keyof QuoteSample['usage'];

const TEXT_COUNTS: SampleField[] = TOKEN_KINDS.filter((kind) => kind.common).map((kind) => kind.count);

/**
 * The usage that matters to a draft: the text counts of a token or tiered price, plus the count of every
 * other kind of token it prices (audio, image…); the calls or seconds of the other modes.
 */
const sampleFields = (draft: ModelPriceInput): SampleField[] => {
  switch (draft.mode as PricingMode) {
    case 'token':
    case 'tiered': {
      const priceSets = [draft, ...(draft.tiers ?? [])];
      const priced = TOKEN_KINDS.filter((kind) => !kind.common && priceSets.some((prices) => prices[kind.price] !== undefined));
      return [...TEXT_COUNTS, ...priced.map((kind) => kind.count), ...(draft.perRequest !== undefined ? ['calls' as const] : [])];
    }
    case 'per_call':
      return ['calls'];
    case 'per_second':
      return ['durationSeconds'];
    default:
      return ['inputTokens', 'outputTokens'];
  }
};

// A typical chat call (a thousand tokens of any other kind the price has), one call, ten seconds of video.
const DEFAULT_SAMPLE: Record<SampleField, string> = {
  ...(Object.fromEntries(TOKEN_KINDS.map((kind) => [kind.count, kind.common ? '0' : '1000'])) as Record<(typeof TOKEN_KINDS)[number]['count'], string>),
  inputTokens: '2000',
  outputTokens: '500',
  calls: '1',
  durationSeconds: '10',
};

/** Counts and seconds go as JSON numbers (they are not money); anything else as typed, for the server to name. */
const toValue = (text: string): number | string => (/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text);

const PRICE_LABELS: Record<string, TranslationKey> = {
  model: 'price.field.model',
  mode: 'price.field.mode',
  enabled: 'price.field.enabled',
  ...(Object.fromEntries(TOKEN_KINDS.map((kind) => [kind.price, `price.field.${kind.price}`])) as Record<string, TranslationKey>),
  perCall: 'price.field.perCall',
  perSecond: 'price.field.perSecond',
  perRequest: 'price.field.perRequest',
  tools: 'price.tools.title',
  upTo: 'price.tier.upTo',
};

/** "price.perCall" → "Price per call", "price.tiers[1].upTo" → "Tier 2 · Up to (tokens)"; other paths as they are. */
const fieldLabel = (path: string, t: TFunction) => {
  const field = path.replace(/^price\.?/, '');
  const label = (name: string) => (PRICE_LABELS[name] ? t(PRICE_LABELS[name]) : name);
  const tier = /^tiers\[(\d+)\]\.(\w+)$/.exec(field);
  if (path.startsWith('price.') && tier) return `${t('price.tier.title', { index: Number(tier[1]) + 1 })} · ${label(tier[2])}`;
  if (path.startsWith('price.')) return label(field);
  return path || t('price.preview.body');
};

interface PricePreviewProps {
  /** The form's current values, as the create/update body. */
  draft: ModelPriceInput;
  currency?: string;
}

/**
 * "What would this call cost?" while the admin edits a price: a sample call priced by the server's
 * rating engine (POST /quote) with the unsaved draft and today's tool prices and multipliers, ~300 ms
 * after the last change. Nothing is written.
 */
export const PricePreview = ({ draft, currency }: PricePreviewProps) => {
  const t = useT();
  const [sample, setSample] = React.useState(DEFAULT_SAMPLE);
  const [serviceTier, setServiceTier] = React.useState('');
  const [tool, setTool] = React.useState('');
  const [toolCalls, setToolCalls] = React.useState('1');
  const tools = useToolPrices();
  const multipliers = useMultipliers();

  const fields = sampleFields(draft);
  const body = JSON.stringify({
    // A new price may not be named yet; the name does not change the bill.
    price: { ...draft, model: draft.model || 'preview' },
    sample: {
      usage: Object.fromEntries(
        fields.filter((field) => sample[field].trim() !== '').map((field) => [field, toValue(sample[field])]),
      ),
      ...(tool ? { tools: [{ tool, calls: toolCalls.trim() === '' ? 1 : toValue(toolCalls) }] } : {}),
      ...(serviceTier ? { serviceTier } : {}),
    } satisfies QuoteSample,
  });
  const debounced = useDebouncedValue(body, 300);
  const quoted = React.useMemo(() => JSON.parse(debounced) as { price: ModelPriceInput; sample: QuoteSample }, [debounced]);
  const quote = useQuote(quoted.price, quoted.sample);

  const fieldErrors = quote.error?.fieldErrors ?? {};
  // Errors of the sample show on its fields; the others (the draft price) in place of the bill.
  const otherErrors = Object.entries(fieldErrors).filter(([path]) => !path.startsWith('usage.') && !path.startsWith('tools['));
  const bill = quote.error ? undefined : quote.data;
  const pending = body !== debounced || quote.isFetching;

  return (
    <Box background="neutral100" hasRadius padding={4}>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Flex justifyContent="space-between" alignItems="baseline" gap={2}>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="delta" tag="h3">
              {t('price.preview.title')}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {t('price.preview.subtitle')}
            </Typography>
          </Flex>
          {pending && (
            <Typography variant="pi" textColor="neutral500">
              {t('price.preview.pricing')}
            </Typography>
          )}
        </Flex>

        <Grid.Root gap={3}>
          {fields.map((field) => (
            <FormCell key={field} col={3} s={6}>
              <TextField
                name={`preview.${field}`}
                label={t(`price.preview.${field}` as const)}
                inputMode={field === 'durationSeconds' ? 'decimal' : 'numeric'}
                size="S"
                value={sample[field]}
                error={fieldErrors[`usage.${field}`]}
                onChange={(value) => setSample((current) => ({ ...current, [field]: value }))}
              />
            </FormCell>
          ))}
          {[
            {
              name: 'serviceTier' as const,
              value: serviceTier,
              set: setServiceTier,
              options: (multipliers.data ?? []).map((m) => ({
                value: m.name,
                label: `${m.name} (× ${formatDecimal(m.factor)})`,
              })),
            },
            {
              name: 'tool' as const,
              value: tool,
              set: setTool,
              options: (tools.data ?? []).map((item) => ({ value: item.tool, label: item.tool })),
            },
          ].map((select) => (
            <FormCell key={select.name} col={3} s={6}>
              <SelectField
                name={`preview.${select.name}`}
                label={t(`price.preview.${select.name}`)}
                size="S"
                placeholder={t(`price.preview.${select.name}.none`)}
                value={select.value}
                options={select.options}
                clearable
                onChange={select.set}
              />
            </FormCell>
          ))}
          {tool && (
            <FormCell col={3} s={6}>
              <TextField
                name="preview.toolCalls"
                label={t('price.preview.toolCalls')}
                inputMode="numeric"
                size="S"
                value={toolCalls}
                error={fieldErrors['tools[0].calls']}
                onChange={setToolCalls}
              />
            </FormCell>
          )}
        </Grid.Root>

        {quote.error && (otherErrors.length > 0 || Object.keys(fieldErrors).length === 0) && (
          <Callout variant="danger" title={otherErrors.length > 0 ? t('price.preview.invalid') : undefined}>
            {otherErrors.length > 0
              ? otherErrors.map(([path, message]) => <div key={path}>{`${fieldLabel(path, t)}: ${message}`}</div>)
              : quote.error.message}
          </Callout>
        )}

        {bill && (
          <Flex direction="column" alignItems="stretch" gap={2}>
            {(bill.tier !== undefined || bill.multiplier !== '1' || bill.flags.length > 0) && (
              <Typography variant="pi" textColor="neutral600">
                {[
                  bill.tier !== undefined && t('price.tier.title', { index: bill.tier + 1 }),
                  bill.multiplier !== '1' && t('price.preview.multiplier', { factor: formatDecimal(bill.multiplier) }),
                  bill.flags.length > 0 && t('price.preview.flags', { flags: bill.flags.join(', ') }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Typography>
            )}
            <BillLines
              lines={bill.lines}
              currency={bill.currency ?? currency}
              totals={[{ label: t('price.preview.total'), value: bill.total }]}
            />
          </Flex>
        )}
      </Flex>
    </Box>
  );
};
