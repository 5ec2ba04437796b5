import * as React from 'react';
import { Box, Button, Flex, Grid, IconButton, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';

import {
  PRICING_MODES,
  TOKEN_PRICE_FIELDS,
  type CatalogModel,
  type ModelPrice,
  type ModelPriceInput,
  type PricingMode,
  type TokenPriceField,
} from '../../../../contracts';
import { useModelPriceMutations } from '../../api/pricing';
import { Callout } from '../../components/Callout';
import { DecimalField, FormCell, SelectField, TextField, ToggleField } from '../../components/FormFields';
import { FormModal } from '../../components/FormModal';
import { useDialogForm } from '../../hooks/useFormSubmit';
import { isPriceInput } from '../../utils/decimal';
import type { FieldErrors } from '../../utils/errors';
import { pricingModeLabel } from '../../utils/pricing';
import { useT, type TFunction } from '../../utils/translations';
import { PricePreview } from './PricePreview';

type TokenForm = Record<TokenPriceField, string>;

interface TierForm extends TokenForm {
  upTo: string;
}

interface PriceForm extends TokenForm {
  model: string;
  mode: PricingMode;
  perCall: string;
  perSecond: string;
  tiers: TierForm[];
  enabled: boolean;
}

const emptyTokens = (): TokenForm => ({ input: '', output: '', cacheRead: '', cacheWrite: '' });

const toForm = (price?: Partial<ModelPrice>): PriceForm => ({
  model: price?.model ?? '',
  mode: price?.mode ?? 'token',
  input: price?.input ?? '',
  output: price?.output ?? '',
  cacheRead: price?.cacheRead ?? '',
  cacheWrite: price?.cacheWrite ?? '',
  perCall: price?.perCall ?? '',
  perSecond: price?.perSecond ?? '',
  tiers: (price?.tiers?.length ? price.tiers : [{ upTo: null }]).map((tier) => ({
    upTo: tier.upTo === null || tier.upTo === undefined ? '' : String(tier.upTo),
    input: tier.input ?? '',
    output: tier.output ?? '',
    cacheRead: tier.cacheRead ?? '',
    cacheWrite: tier.cacheWrite ?? '',
  })),
  enabled: price?.enabled ?? true,
});

const tokenPrices = (source: TokenForm) => {
  const out: Partial<Record<TokenPriceField, string>> = {};
  for (const field of TOKEN_PRICE_FIELDS) if (source[field].trim()) out[field] = source[field].trim();
  return out;
};

/** The request body: only the fields of the chosen mode (the server rejects fields of another mode). */
const toBody = (form: PriceForm): ModelPriceInput => {
  const base = { model: form.model.trim(), mode: form.mode, enabled: form.enabled };
  switch (form.mode) {
    case 'token':
      return { ...base, ...tokenPrices(form) };
    case 'tiered':
      return {
        ...base,
        tiers: form.tiers.map((tier) => ({
          upTo: tier.upTo.trim() === '' ? null : Number(tier.upTo.trim()),
          ...tokenPrices(tier),
        })),
      };
    case 'per_call':
      return { ...base, perCall: form.perCall.trim() };
    case 'per_second':
      return { ...base, perSecond: form.perSecond.trim() };
    default:
      return base;
  }
};

const validate = (form: PriceForm, t: TFunction): FieldErrors => {
  const errors: FieldErrors = {};
  const decimal = (key: string, value: string, required = false) => {
    if (!value.trim()) {
      if (required) errors[key] = t('errors.required');
    } else if (!isPriceInput(value)) errors[key] = t('errors.decimal');
  };
  if (!form.model.trim()) errors.model = t('errors.required');
  if (form.mode === 'token') TOKEN_PRICE_FIELDS.forEach((field) => decimal(field, form[field]));
  if (form.mode === 'per_call') decimal('perCall', form.perCall, true);
  if (form.mode === 'per_second') decimal('perSecond', form.perSecond, true);
  if (form.mode === 'tiered') {
    form.tiers.forEach((tier, index) => {
      TOKEN_PRICE_FIELDS.forEach((field) => decimal(`tiers[${index}].${field}`, tier[field]));
      const upTo = tier.upTo.trim();
      if (upTo && !/^[1-9]\d*$/.test(upTo)) errors[`tiers[${index}].upTo`] = t('price.errors.upTo');
      if (!upTo && index !== form.tiers.length - 1) errors[`tiers[${index}].upTo`] = t('price.errors.upToOpen');
    });
  }
  return errors;
};

interface ModelPriceModalProps {
  open: boolean;
  onClose: () => void;
  /** The price to edit; a partial entry (just `model`) to create one for a catalog model. */
  price?: Partial<ModelPrice>;
  isNew: boolean;
  readOnly?: boolean;
  catalog?: CatalogModel[];
  currency?: string;
  onSaved: (price: ModelPrice) => void;
}

export const ModelPriceModal = ({ open, onClose, price, isNew, readOnly, catalog, currency, onSaved }: ModelPriceModalProps) => {
  const t = useT();
  const prices = useModelPriceMutations();
  const { toggleNotification } = useNotification();
  const {
    values: form,
    setValues: setForm,
    set,
    field: bind,
    errors,
    setErrors,
    saving,
    submit,
  } = useDialogForm(open, () => toForm(price), price);
  const [formError, setFormError] = React.useState<string>();

  React.useEffect(() => {
    if (open) setFormError(undefined);
  }, [open, price]);

  const setTier = (index: number, key: keyof TierForm, value: string) =>
    setForm((current) => ({
      ...current,
      tiers: current.tiers.map((tier, i) => (i === index ? { ...tier, [key]: value } : tier)),
    }));

  const draft = React.useMemo(() => toBody(form), [form]);
  const unpriced = (catalog ?? []).filter((model) => !model.priced && model.name !== form.model).slice(0, 8);

  const onSubmit = () => {
    setFormError(undefined);
    return submit(
      validate(form, t),
      async () => {
        const body = toBody(form);
        const saved = await (isNew ? prices.create(body) : prices.update(price?.model ?? body.model, body));
        toggleNotification({ type: 'success', message: t('price.saved', { model: saved?.model ?? body.model }) });
        onSaved(saved);
      },
      // Errors of fields this form has no input for go in a callout at the top, not in a notification.
      (info) => {
        setErrors(info.fieldErrors);
        const known = new Set(['model', 'mode', 'enabled', 'perCall', 'perSecond', 'tiers', ...TOKEN_PRICE_FIELDS]);
        const unshown = Object.entries(info.fieldErrors).filter(([key]) => !known.has(key) && !key.startsWith('tiers['));
        setFormError(unshown.length ? unshown.map(([key, message]) => `${key || 'body'}: ${message}`).join('\n') : info.message);
      },
    );
  };

  const tokenFields = (
    prefix: string,
    values: TokenForm,
    onChange: (field: TokenPriceField, value: string) => void,
    compact = false,
  ) =>
    TOKEN_PRICE_FIELDS.map((field) => (
      <FormCell key={field} col={compact ? 2 : 6} s={6}>
        <DecimalField
          name={`${prefix}${field}`}
          label={t(`price.field.${field}` as const)}
          value={values[field]}
          placeholder="0"
          error={errors[`${prefix}${field}`]}
          disabled={readOnly}
          size={compact ? 'S' : undefined}
          onChange={(value) => onChange(field, value)}
        />
      </FormCell>
    ));

  /** The one required price of the per-call and per-second modes. */
  const flatPriceField = (field: 'perCall' | 'perSecond') => (
    <Grid.Root gap={4}>
      <FormCell col={6}>
        <DecimalField {...bind(field)} label={t(`price.field.${field}` as const)} required disabled={readOnly} />
      </FormCell>
    </Grid.Root>
  );

  return (
    <FormModal
      open={open}
      title={isNew ? t('price.modal.createTitle') : t('price.modal.editTitle', { model: price?.model ?? '' })}
      saving={saving}
      onClose={onClose}
      onSubmit={onSubmit}
      readOnly={readOnly}
      contentStyle={{ maxWidth: '92rem', width: '100%' }}
    >
      <Flex direction="column" alignItems="stretch" gap={5}>
        {formError && <Callout variant="danger">{formError}</Callout>}
        <Grid.Root gap={4}>
          <FormCell col={6}>
            <TextField
              {...bind('model')}
              label={t('price.field.model')}
              hint={isNew ? t('price.field.model.hint') : undefined}
              required
              disabled={!isNew || readOnly}
            />
          </FormCell>
          <FormCell col={4}>
            <SelectField<PricingMode>
              {...bind('mode')}
              label={t('price.field.mode')}
              disabled={readOnly}
              options={PRICING_MODES.map((mode) => ({ value: mode, label: pricingModeLabel(mode, t) }))}
            />
          </FormCell>
          <FormCell col={2}>
            <ToggleField
              name="enabled"
              label={t('price.field.enabled')}
              checked={form.enabled}
              disabled={readOnly}
              onLabel={t('common.on')}
              offLabel={t('common.off')}
              onChange={(checked) => set('enabled', checked)}
            />
          </FormCell>
        </Grid.Root>

        {isNew && unpriced.length > 0 && (
          <Flex gap={2} wrap="wrap" alignItems="center">
            <Typography variant="pi" textColor="neutral600">
              {t('price.modal.unpricedSuggestions')}
            </Typography>
            {unpriced.map((model) => (
              <Button key={model.name} size="S" variant="tertiary" onClick={() => set('model', model.name)}>
                {model.name}
              </Button>
            ))}
          </Flex>
        )}

        <Typography variant="pi" textColor="neutral600">
          {t(`pricingMode.${form.mode}.hint` as const)}
          {currency ? ` ${t('price.modal.currency', { currency })}` : ''}
        </Typography>

        {form.mode === 'token' && <Grid.Root gap={4}>{tokenFields('', form, (field, value) => set(field, value))}</Grid.Root>}

        {form.mode === 'per_call' && flatPriceField('perCall')}

        {form.mode === 'per_second' && flatPriceField('perSecond')}

        {form.mode === 'tiered' && (
          <Flex direction="column" alignItems="stretch" gap={3}>
            {errors.tiers && <Callout variant="danger">{errors.tiers}</Callout>}
            {form.tiers.map((tier, index) => (
              <Box key={index} background="neutral100" hasRadius padding={4}>
                <Flex justifyContent="space-between" paddingBottom={3}>
                  <Typography variant="sigma" textColor="neutral600">
                    {t('price.tier.title', { index: index + 1 })}
                  </Typography>
                  {!readOnly && form.tiers.length > 1 && (
                    <IconButton
                      label={t('price.tier.remove')}
                      variant="ghost"
                      size="S"
                      onClick={() => setForm((current) => ({ ...current, tiers: current.tiers.filter((_, i) => i !== index) }))}
                    >
                      <Trash />
                    </IconButton>
                  )}
                </Flex>
                <Grid.Root gap={3}>
                  <FormCell col={4} s={12}>
                    <TextField
                      name={`tiers[${index}].upTo`}
                      label={t('price.tier.upTo')}
                      hint={index === form.tiers.length - 1 ? t('price.tier.upTo.lastHint') : undefined}
                      placeholder={t('price.tier.upTo.placeholder')}
                      inputMode="numeric"
                      value={tier.upTo}
                      error={errors[`tiers[${index}].upTo`]}
                      disabled={readOnly}
                      size="S"
                      onChange={(value) => setTier(index, 'upTo', value)}
                    />
                  </FormCell>
                  {tokenFields(`tiers[${index}].`, tier, (field, value) => setTier(index, field, value), true)}
                </Grid.Root>
              </Box>
            ))}
            {!readOnly && (
              <Box>
                <Button
                  variant="secondary"
                  startIcon={<Plus />}
                  onClick={() =>
                    setForm((current) => ({ ...current, tiers: [...current.tiers, { upTo: '', ...emptyTokens() }] }))
                  }
                >
                  {t('price.tier.add')}
                </Button>
              </Box>
            )}
          </Flex>
        )}

        {form.mode === 'free' && <Callout variant="info">{t('pricingMode.free.explain')}</Callout>}

        {open && <PricePreview draft={draft} currency={currency} />}

        {!isNew && price?.version !== undefined && (
          <Typography variant="pi" textColor="neutral500">
            {t('price.modal.version', { version: price.version })}
          </Typography>
        )}
      </Flex>
    </FormModal>
  );
};
