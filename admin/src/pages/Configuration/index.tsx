import * as React from 'react';
import { Box, Button, Flex, Grid, Switch, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';

import { useLogsApi } from '../../api/logs';
import { useSettingsApi } from '../../api/settings';
import type { BillingMode, BillingSettings, ModeImpact, SettingsPatch } from '../../api/types';
import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DecimalField, TextField, ToggleField } from '../../components/FormFields';
import { Money } from '../../components/Money';
import { Section, StatCard } from '../../components/Section';
import { useBillingSettings } from '../../hooks/useBillingSettings';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { useNotifyApiError } from '../../hooks/useNotifyApiError';
import { usePermissions } from '../../hooks/usePermissions';
import { useRequest } from '../../hooks/useRequest';
import { formatCount, isUnsignedDecimal } from '../../utils/decimal';
import { formatMoneyRounded } from '../../utils/money';
import type { FieldErrors } from '../../utils/errors';
import { useT, type TFunction } from '../../utils/translations';
import { ModePicker } from './ModePicker';

/* ----------------------------------------------------------------------------------------------
 * Form state: the settings with text inputs as strings
 * --------------------------------------------------------------------------------------------*/

interface FormState extends Omit<BillingSettings, 'holdTtlSeconds' | 'payments'> {
  holdTtlSeconds: string;
  payments: Omit<BillingSettings['payments'], 'epay'> & {
    epay: Omit<BillingSettings['payments']['epay'], 'payTypes'> & { payTypes: string };
  };
}

const toForm = (settings: BillingSettings): FormState => ({
  ...settings,
  holdTtlSeconds: String(settings.holdTtlSeconds),
  payments: {
    ...settings.payments,
    epay: { ...settings.payments.epay, payTypes: (settings.payments.epay.payTypes ?? []).join(', ') },
  },
});

const fromForm = (form: FormState): BillingSettings => ({
  ...form,
  holdTtlSeconds: /^\d+$/.test(form.holdTtlSeconds.trim()) ? Number.parseInt(form.holdTtlSeconds, 10) : NaN,
  payments: {
    ...form.payments,
    epay: {
      ...form.payments.epay,
      payTypes: form.payments.epay.payTypes
        .split(/[\s,]+/)
        .map((value) => value.trim())
        .filter(Boolean),
    },
  },
});

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of `next` that differ from `prev` (nested objects recursively, arrays as a whole). */
const diff = (prev: unknown, next: unknown): unknown => {
  if (isPlainObject(prev) && isPlainObject(next)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(next)) {
      const changed = diff(prev[key], next[key]);
      if (changed !== undefined) out[key] = changed;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return JSON.stringify(prev) === JSON.stringify(next) ? undefined : next;
};

const validate = (form: FormState, t: TFunction): FieldErrors => {
  const errors: FieldErrors = {};
  if (!/^[A-Z]{3}$/.test(form.currency)) errors.currency = t('config.errors.currency');
  if (!isUnsignedDecimal(form.prepaidAmount)) errors.prepaidAmount = t('errors.decimal');
  const ttl = fromForm(form).holdTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < 10 || ttl > 604800) errors.holdTtlSeconds = t('config.errors.holdTtl');
  if (!isUnsignedDecimal(form.payments.usdToCnyRate)) errors['payments.usdToCnyRate'] = t('errors.decimal');
  return errors;
};

/* ----------------------------------------------------------------------------------------------
 * Page
 * --------------------------------------------------------------------------------------------*/

const thirtyDaysAgo = () => new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();

export const ConfigurationPage = () => {
  const t = useT();
  const { toggleNotification } = useNotification();
  const notifyApiError = useNotifyApiError();
  const { can } = usePermissions();
  const { setSettings } = useBillingSettings();
  const api = useSettingsApi();
  const logsApi = useLogsApi();
  const canUpdate = can['settings.update'];

  const settings = useRequest(() => api.getSettings(), [api]);
  const [from] = React.useState(thirtyDaysAgo);
  const recent = useRequest(() => logsApi.listLogs({ from, page: 1, pageSize: 1 }), [logsApi, from], {
    enabled: can['logs.read'],
  });

  const [form, setForm] = React.useState<FormState>();
  const { errors, setErrors, saving, run } = useFormSubmit();
  const [modeDialog, setModeDialog] = React.useState<{ open: boolean; impact?: ModeImpact; loading: boolean }>({
    open: false,
    loading: false,
  });

  React.useEffect(() => {
    if (settings.data) setForm(toForm(settings.data));
  }, [settings.data]);

  if (settings.isLoading) return <Page.Loading />;
  if (settings.error || !settings.data || !form) {
    return <Page.Error content={settings.error?.message} />;
  }

  const initial = settings.data;
  const patch = diff(initial, fromForm(form)) as SettingsPatch | undefined;
  const dirty = patch !== undefined;
  const modeChanged = form.mode !== initial.mode;

  const update = (mutate: (draft: FormState) => void) => {
    setForm((current) => {
      if (!current) return current;
      const next: FormState = JSON.parse(JSON.stringify(current));
      mutate(next);
      return next;
    });
  };

  const save = async () => {
    if (!patch) return;
    await run(async () => {
      const saved = await api.updateSettings(patch);
      settings.setData(saved);
      setSettings(saved);
      setErrors({});
      toggleNotification({ type: 'success', message: t('config.saved') });
    });
  };

  const onSubmit = async (event?: React.FormEvent) => {
    event?.preventDefault();
    const clientErrors = validate(form, t);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length) {
      toggleNotification({ type: 'warning', message: t('errors.form') });
      return;
    }
    if (modeChanged) {
      setModeDialog({ open: true, loading: true });
      try {
        const impact = await api.getModeImpact(form.mode);
        setModeDialog({ open: true, loading: false, impact });
      } catch (error) {
        setModeDialog({ open: true, loading: false });
        notifyApiError(error, { type: 'warning' });
      }
      return;
    }
    await save();
  };

  const err = (key: string) => errors[key];
  const payTypesError = Object.entries(errors).find(([key]) => key.startsWith('payments.epay.payTypes'))?.[1];
  const totals = recent.data?.meta.totals;

  return (
    <Page.Main>
      <Page.Title>{t('config.title')}</Page.Title>
      <form onSubmit={onSubmit} noValidate>
        <Layouts.Header
          title={t('config.title')}
          subtitle={t('config.subtitle')}
          primaryAction={
            <Button type="submit" startIcon={<Check />} disabled={!canUpdate || !dirty} loading={saving}>
              {t('common.save')}
            </Button>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            {!canUpdate && <Callout variant="info">{t('config.readOnly')}</Callout>}

            <Grid.Root gap={4}>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard label={t('config.overview.mode')} value={t(`mode.${initial.mode}.title` as const)} />
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard label={t('config.overview.currency')} value={initial.currency} />
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard
                  label={t('config.overview.calls30')}
                  value={can['logs.read'] ? (totals ? formatCount(totals.calls) : '…') : '—'}
                />
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <StatCard
                  label={t('config.overview.charged30')}
                  value={
                    can['logs.read'] && totals ? <Money variant="beta" value={totals.charged} currency={initial.currency} /> : '—'
                  }
                  hint={
                    can['logs.read'] && totals
                      ? t('config.overview.cost', { cost: formatMoneyRounded(totals.cost, initial.currency) })
                      : undefined
                  }
                />
              </Grid.Item>
            </Grid.Root>

            <Section title={t('config.mode.title')} subtitle={t('config.mode.subtitle')}>
              <ModePicker
                value={form.mode}
                savedValue={initial.mode}
                disabled={!canUpdate}
                onChange={(mode: BillingMode) => update((draft) => void (draft.mode = mode))}
              />
              {modeChanged && <Callout variant="warning">{t('config.mode.changedHint')}</Callout>}
              {err('mode') && (
                <Typography variant="pi" textColor="danger600">
                  {err('mode')}
                </Typography>
              )}
            </Section>

            <Section title={t('config.charging.title')} subtitle={t('config.charging.subtitle')}>
              <Grid.Root gap={5}>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <DecimalField
                    name="prepaidAmount"
                    label={t('config.prepaidAmount')}
                    hint={t('config.prepaidAmount.hint')}
                    value={form.prepaidAmount}
                    error={err('prepaidAmount')}
                    disabled={!canUpdate}
                    required
                    onChange={(value) => update((draft) => void (draft.prepaidAmount = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <Box paddingTop={{ initial: 0, medium: 6 }}>
                    <Callout variant="info" title={t('config.prepaidAmount.explainTitle')}>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <span>{t('config.prepaidAmount.explainHigh')}</span>
                        <span>{t('config.prepaidAmount.explainLow')}</span>
                      </Flex>
                    </Callout>
                  </Box>
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="currency"
                    label={t('config.currency')}
                    hint={t('config.currency.hint')}
                    value={form.currency}
                    error={err('currency')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.currency = value.toUpperCase()))}
                  />
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="holdTtlSeconds"
                    label={t('config.holdTtlSeconds')}
                    hint={t('config.holdTtlSeconds.hint')}
                    value={form.holdTtlSeconds}
                    inputMode="numeric"
                    error={err('holdTtlSeconds')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.holdTtlSeconds = value))}
                  />
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <ToggleField
                    name="allowUnpricedModels"
                    label={t('config.allowUnpricedModels')}
                    hint={t('config.allowUnpricedModels.hint')}
                    checked={form.allowUnpricedModels}
                    error={err('allowUnpricedModels')}
                    disabled={!canUpdate}
                    onLabel={t('common.on')}
                    offLabel={t('common.off')}
                    onChange={(checked) => update((draft) => void (draft.allowUnpricedModels = checked))}
                  />
                </Grid.Item>
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <ToggleField
                    name="toolBilling"
                    label={t('config.toolBilling')}
                    hint={t('config.toolBilling.hint')}
                    checked={form.toolBilling}
                    error={err('toolBilling')}
                    disabled={!canUpdate}
                    onLabel={t('common.on')}
                    offLabel={t('common.off')}
                    onChange={(checked) => update((draft) => void (draft.toolBilling = checked))}
                  />
                </Grid.Item>
              </Grid.Root>
            </Section>

            <Section title={t('config.payments.title')} subtitle={t('config.payments.subtitle')}>
              <Grid.Root gap={5}>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.publicUrl"
                    label={t('config.publicUrl')}
                    hint={t('config.publicUrl.hint')}
                    placeholder="https://api.example.com"
                    value={form.payments.publicUrl}
                    error={err('payments.publicUrl')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.publicUrl = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <DecimalField
                    name="payments.usdToCnyRate"
                    label={t('config.usdToCnyRate')}
                    hint={t('config.usdToCnyRate.hint')}
                    value={form.payments.usdToCnyRate}
                    error={err('payments.usdToCnyRate')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.usdToCnyRate = value))}
                  />
                </Grid.Item>
              </Grid.Root>
            </Section>

            <Section
              title={t('config.stripe.title')}
              subtitle={t('config.stripe.subtitle')}
              actions={
                <ToggleInline
                  label={t('config.enabled')}
                  checked={form.payments.stripe.enabled}
                  disabled={!canUpdate}
                  onChange={(checked) => update((draft) => void (draft.payments.stripe.enabled = checked))}
                />
              }
            >
              <Grid.Root gap={5}>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.stripe.publishableKey"
                    label={t('config.stripe.publishableKey')}
                    placeholder="pk_live_…"
                    value={form.payments.stripe.publishableKey}
                    error={err('payments.stripe.publishableKey')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.stripe.publishableKey = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.stripe.secretKey"
                    label={t('config.stripe.secretKey')}
                    hint={t('config.secret.hint')}
                    placeholder="sk_live_…"
                    value={form.payments.stripe.secretKey}
                    error={err('payments.stripe.secretKey')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.stripe.secretKey = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.stripe.webhookSecret"
                    label={t('config.stripe.webhookSecret')}
                    hint={t('config.secret.hint')}
                    placeholder="whsec_…"
                    value={form.payments.stripe.webhookSecret}
                    error={err('payments.stripe.webhookSecret')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.stripe.webhookSecret = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.stripe.apiBase"
                    label={t('config.stripe.apiBase')}
                    hint={t('config.stripe.apiBase.hint')}
                    placeholder="https://api.stripe.com"
                    value={form.payments.stripe.apiBase}
                    error={err('payments.stripe.apiBase')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.stripe.apiBase = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.stripe.successUrl"
                    label={t('config.stripe.successUrl')}
                    placeholder="https://app.example.com/billing/success"
                    value={form.payments.stripe.successUrl}
                    error={err('payments.stripe.successUrl')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.stripe.successUrl = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.stripe.cancelUrl"
                    label={t('config.stripe.cancelUrl')}
                    placeholder="https://app.example.com/billing/cancel"
                    value={form.payments.stripe.cancelUrl}
                    error={err('payments.stripe.cancelUrl')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.stripe.cancelUrl = value))}
                  />
                </Grid.Item>
              </Grid.Root>
            </Section>

            <Section
              title={t('config.epay.title')}
              subtitle={t('config.epay.subtitle')}
              actions={
                <ToggleInline
                  label={t('config.enabled')}
                  checked={form.payments.epay.enabled}
                  disabled={!canUpdate}
                  onChange={(checked) => update((draft) => void (draft.payments.epay.enabled = checked))}
                />
              }
            >
              <Grid.Root gap={5}>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.epay.gatewayUrl"
                    label={t('config.epay.gatewayUrl')}
                    placeholder="https://pay.example.com"
                    value={form.payments.epay.gatewayUrl}
                    error={err('payments.epay.gatewayUrl')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.epay.gatewayUrl = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.epay.merchantId"
                    label={t('config.epay.merchantId')}
                    value={form.payments.epay.merchantId}
                    error={err('payments.epay.merchantId')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.epay.merchantId = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.epay.key"
                    label={t('config.epay.key')}
                    hint={t('config.secret.hint')}
                    value={form.payments.epay.key}
                    error={err('payments.epay.key')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.epay.key = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.epay.payTypes"
                    label={t('config.epay.payTypes')}
                    hint={t('config.epay.payTypes.hint')}
                    placeholder="alipay, wxpay"
                    value={form.payments.epay.payTypes}
                    error={payTypesError}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.epay.payTypes = value))}
                  />
                </Grid.Item>
                <Grid.Item col={6} xs={12} direction="column" alignItems="stretch">
                  <TextField
                    name="payments.epay.returnUrl"
                    label={t('config.epay.returnUrl')}
                    placeholder="https://app.example.com/billing/return"
                    value={form.payments.epay.returnUrl}
                    error={err('payments.epay.returnUrl')}
                    disabled={!canUpdate}
                    onChange={(value) => update((draft) => void (draft.payments.epay.returnUrl = value))}
                  />
                </Grid.Item>
              </Grid.Root>
            </Section>
          </Flex>
        </Layouts.Content>
      </form>

      <ConfirmDialog
        open={modeDialog.open}
        onOpenChange={(open) => setModeDialog((state) => ({ ...state, open }))}
        title={t('config.modeDialog.title')}
        variant="default"
        confirmLabel={t('config.modeDialog.confirm', { mode: t(`mode.${form.mode}.title` as const) })}
        confirmDisabled={modeDialog.loading}
        onConfirm={async () => {
          await save();
          setModeDialog({ open: false, loading: false });
        }}
      >
        <ModeImpactText from={initial.mode} to={form.mode} impact={modeDialog.impact} loading={modeDialog.loading} />
      </ConfirmDialog>
    </Page.Main>
  );
};

const ToggleInline = ({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) => {
  const t = useT();
  return (
    <Flex gap={2} alignItems="center">
      <Typography variant="pi" fontWeight="bold" textColor="neutral700">
        {label}
      </Typography>
      <Switch
        aria-label={label}
        checked={checked}
        disabled={disabled}
        visibleLabels
        onLabel={t('common.on')}
        offLabel={t('common.off')}
        onCheckedChange={onChange}
      />
    </Flex>
  );
};

const ModeImpactText = ({
  from,
  to,
  impact,
  loading,
}: {
  from: BillingMode;
  to: BillingMode;
  impact?: ModeImpact;
  loading: boolean;
}) => {
  const t = useT();
  const modeName = t(`mode.${to}.title` as const);
  if (loading) return <Typography textAlign="center">{t('config.modeDialog.loading')}</Typography>;

  const lines: string[] = [];
  if (impact) {
    if (to !== 'usage' && impact.accountsWithBalance > 0) {
      lines.push(t('config.modeDialog.balances', { count: impact.accountsWithBalance, mode: modeName }));
    }
    if (to === 'usage' && impact.accountsWithBalance > 0) {
      lines.push(t('config.modeDialog.balancesUsed', { count: impact.accountsWithBalance }));
    }
    if (to !== 'period' && impact.activeSubscriptions > 0) {
      lines.push(t('config.modeDialog.subscriptions', { count: impact.activeSubscriptions, mode: modeName }));
    }
    if (impact.openHolds > 0) lines.push(t('config.modeDialog.holds', { count: impact.openHolds }));
    if (!lines.length) lines.push(t('config.modeDialog.noImpact'));
  } else {
    lines.push(t('config.modeDialog.impactUnavailable'));
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography textAlign="center">
        {t('config.modeDialog.intro', { from: t(`mode.${from}.title` as const), to: modeName })}
      </Typography>
      {lines.map((line) => (
        <Typography key={line} textAlign="center" textColor="neutral700">
          {line}
        </Typography>
      ))}
      <Typography variant="pi" textAlign="center" textColor="neutral600">
        {t(`mode.${to}.description` as const)}
      </Typography>
    </Flex>
  );
};

export default ConfigurationPage;
