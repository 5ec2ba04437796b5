import * as React from 'react';
import { Box, Button, Flex, Grid, IconButton, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';

import {
  COMMON_TOKEN_PRICE_FIELDS,
  MORE_TOKEN_PRICE_FIELDS,
  PRICING_MODES,
  TOKEN_PRICE_FIELDS,
  type CatalogModel,
  type ModelPrice,
  type PricingMode,
} from '../../../../contracts';
import { useModelPriceMutations } from '../../api/pricing';
import { Callout } from '../../components/Callout';
import { DecimalField, FormCell, SelectField, TextField, ToggleField } from '../../components/FormFields';
import { FormModal } from '../../components/FormModal';
import { useDuplicateName, type TakenName } from '../../hooks/useDuplicateName';
import { useDialogForm } from '../../hooks/useFormSubmit';
import { pricingModeLabel } from '../../utils/pricing';
import { useT } from '../../utils/translations';
import { PricePreview } from './PricePreview';
import { emptyTier, hasMoreThanText, tierHasMore, toBody, toForm, validate, type TierForm, type ToolRow } from './priceForm';
import { FoldedSection, ModelExtras, TokenPriceFields } from './TokenKindFields';

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
  /** Opens the price of the model a create was refused for (409: the model has one). */
  onOpenExisting?: (existing: TakenName['existing']) => void;
}

export const ModelPriceModal = ({ open, onClose, price, isNew, readOnly, catalog, currency, onSaved, onOpenExisting }: ModelPriceModalProps) => {
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
    clearError,
    saving,
    submit,
    dirty,
  } = useDialogForm(open, () => toForm(price), price);
  const [formError, setFormError] = React.useState<string>();
  const duplicate = useDuplicateName(open, onOpenExisting);

  // Which folded sections are open: "more" for the model, "more-<i>" for tier i. Open at the start when
  // they hold a price, so an existing price never hides what it charges.
  const [unfolded, setUnfolded] = React.useState<Set<string>>(new Set());
  React.useEffect(() => {
    if (!open) return;
    setFormError(undefined);
    const initial = toForm(price);
    setUnfolded(new Set([...(hasMoreThanText(initial) ? ['more'] : []), ...initial.tiers.flatMap((tier, i) => (tierHasMore(tier) ? [`more-${i}`] : []))]));
  }, [open, price]);
  const fold = (id: string) => ({
    id,
    open: unfolded.has(id),
    onOpenChange: (isOpen: boolean) =>
      setUnfolded((current) => {
        const next = new Set(current);
        if (isOpen) next.add(id);
        else next.delete(id);
        return next;
      }),
  });

  const setTier = (index: number, key: keyof TierForm, value: string) => {
    setForm((current) => ({
      ...current,
      tiers: current.tiers.map((tier, i) => (i === index ? { ...tier, [key]: value } : tier)),
    }));
    clearError(`tiers[${index}].${key}`);
  };

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
        // A model that has a price already: said on the model field, with a link to that price.
        if (info.duplicate) return setErrors(duplicate.fieldErrorsOf(info));
        setErrors(info.fieldErrors);
        const known = new Set<string>(['model', 'mode', 'enabled', 'perCall', 'perSecond', 'perRequest', 'tiers', 'tools', ...TOKEN_PRICE_FIELDS]);
        const unshown = Object.entries(info.fieldErrors).filter(([key]) => !known.has(key) && !key.startsWith('tiers[') && !key.startsWith('tools'));
        // A server error in a folded section opens it.
        if (Object.keys(info.fieldErrors).some((key) => key === 'perRequest' || key.startsWith('tools') || (MORE_TOKEN_PRICE_FIELDS as readonly string[]).includes(key))) {
          fold('more').onOpenChange(true);
        }
        setFormError(unshown.length ? unshown.map(([key, message]) => `${key || 'body'}: ${message}`).join('\n') : info.message);
      },
    );
  };

  const extras = (
    <ModelExtras
      perRequest={form.perRequest}
      tools={form.tools}
      errors={errors}
      readOnly={readOnly}
      onPerRequestChange={(value) => set('perRequest', value)}
      onToolsChange={(rows: ToolRow[]) => set('tools', rows)}
    />
  );

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
      dirty={dirty}
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
              errorAction={duplicate.errorAction('model')}
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

        {form.mode === 'token' && (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Grid.Root gap={4}>
              <TokenPriceFields fields={COMMON_TOKEN_PRICE_FIELDS} prefix="" values={form} errors={errors} readOnly={readOnly} onChange={set} />
            </Grid.Root>
            <FoldedSection {...fold('more')} title={t('price.more.title')} description={t('price.more.description')}>
              <Flex direction="column" alignItems="stretch" gap={5}>
                <Grid.Root gap={4}>
                  <TokenPriceFields fields={MORE_TOKEN_PRICE_FIELDS} prefix="" values={form} errors={errors} readOnly={readOnly} onChange={set} />
                </Grid.Root>
                {extras}
              </Flex>
            </FoldedSection>
          </Flex>
        )}

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
                  <TokenPriceFields
                    fields={COMMON_TOKEN_PRICE_FIELDS}
                    prefix={`tiers[${index}].`}
                    values={tier}
                    errors={errors}
                    readOnly={readOnly}
                    compact
                    onChange={(field, value) => setTier(index, field, value)}
                  />
                </Grid.Root>
                <Box paddingTop={3}>
                  <FoldedSection {...fold(`more-${index}`)} title={t('price.more.title')} description={t('price.more.tierDescription')}>
                    <Grid.Root gap={3}>
                      <TokenPriceFields
                        fields={MORE_TOKEN_PRICE_FIELDS}
                        prefix={`tiers[${index}].`}
                        values={tier}
                        errors={errors}
                        readOnly={readOnly}
                        compact
                        onChange={(field, value) => setTier(index, field, value)}
                      />
                    </Grid.Root>
                  </FoldedSection>
                </Box>
              </Box>
            ))}
            {!readOnly && (
              <Box>
                <Button
                  variant="secondary"
                  startIcon={<Plus />}
                  onClick={() =>
                    setForm((current) => ({ ...current, tiers: [...current.tiers, emptyTier()] }))
                  }
                >
                  {t('price.tier.add')}
                </Button>
              </Box>
            )}
          </Flex>
        )}

        {form.mode === 'tiered' && (
          <FoldedSection {...fold('more')} title={t('price.extras.title')} description={t('price.extras.description')}>
            {extras}
          </FoldedSection>
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
