import * as React from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Page, useNotification } from '@strapi/strapi/admin';
import { useBlocker } from 'react-router-dom';

import type { BillingMode, BillingSettings, ModeImpact } from '../../../../contracts';
import { useUsageLogs } from '../../api/logs';
import { useLazyModeImpact, useSettings, useUpdateSettings } from '../../api/settings';
import { BillingPage } from '../../components/BillingPage';
import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DiscardChangesDialog } from '../../components/FormModal';
import { Money } from '../../components/Money';
import { StatTiles } from '../../components/Section';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { useNotifyApiError } from '../../hooks/useNotifyApiError';
import { usePermissions } from '../../hooks/usePermissions';
import { formatCount } from '../../utils/decimal';
import { useT, useTNodes } from '../../utils/translations';
import { ConfigSections } from './ConfigSections';
import { RecentChanges } from './RecentChanges';
import { UnreadableSecrets } from './UnreadableSecrets';
import { modeOf, patchOf, toForm, validateForm, type FormState, type FormValue } from './fields';

const thirtyDaysAgo = () => new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();

/** The form of the saved settings, started over whenever they change (loaded, saved). */
const useSettingsForm = (saved: BillingSettings | undefined) => {
  const [state, setState] = React.useState<{ saved?: BillingSettings; form?: FormState }>({});
  if (saved && saved !== state.saved) {
    const next = { saved, form: toForm(saved) };
    setState(next);
    return [next.form, setState] as const;
  }
  return [state.form, setState] as const;
};

export const ConfigurationPage = () => {
  const t = useT();
  const tNodes = useTNodes();
  const { toggleNotification } = useNotification();
  const notifyApiError = useNotifyApiError();
  const { can } = usePermissions();
  const canUpdate = can['settings.update'];

  const settings = useSettings();
  const [updateSettings] = useUpdateSettings();
  const [impactOf] = useLazyModeImpact();
  const [from] = React.useState(thirtyDaysAgo);
  const recent = useUsageLogs({ from, page: 1, pageSize: 1 }, { enabled: can['logs.read'] });

  const [form, setFormState] = useSettingsForm(settings.data);
  const { errors, setErrors, clearError, saving, run } = useFormSubmit();
  const [modeDialog, setModeDialog] = React.useState<{ open: boolean; impact?: ModeImpact; loading: boolean }>({
    open: false,
    loading: false,
  });

  // Leaving the page (another Billing page, another admin page) with unsaved changes asks first; a
  // reload or a closed tab gets the browser's own question. Read through a ref: the blocker is asked at
  // navigation time, after the render that computed it.
  const unsaved = React.useRef(false);
  const leaving = useBlocker(({ currentLocation, nextLocation }) => unsaved.current && currentLocation.pathname !== nextLocation.pathname);
  React.useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!unsaved.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  if (settings.isLoading) return <Page.Loading />;
  if (settings.error || !settings.data || !form) {
    return <Page.Error content={settings.error?.message} />;
  }

  const initial = settings.data;
  const patch = patchOf(form, initial);
  const dirty = patch !== undefined;
  unsaved.current = dirty && !saving;
  const mode = modeOf(form);
  const modeChanged = mode !== initial.mode;

  const update = (name: string, value: FormValue) => {
    setFormState((state) => (state.form ? { ...state, form: { ...state.form, [name]: value } } : state));
    clearError(name);
  };

  const save = async () => {
    if (!patch) return;
    await run(async () => {
      // The saved settings replace the cached ones: the form starts over from them.
      await updateSettings(patch).unwrap();
      setErrors({});
      toggleNotification({ type: 'success', message: t('config.saved') });
    });
  };

  const onSubmit = async (event?: React.FormEvent) => {
    event?.preventDefault();
    const clientErrors = validateForm(form, t);
    setErrors(clientErrors);
    if (Object.keys(clientErrors).length) {
      toggleNotification({ type: 'warning', message: t('errors.form') });
      return;
    }
    if (modeChanged) {
      setModeDialog({ open: true, loading: true });
      try {
        const impact = await impactOf(mode).unwrap();
        setModeDialog({ open: true, loading: false, impact });
      } catch (error) {
        setModeDialog({ open: true, loading: false });
        notifyApiError(error, { type: 'warning' });
      }
      return;
    }
    await save();
  };

  const totals = recent.data?.meta.totals;
  const canReadLogs = can['logs.read'];
  const tiles = [
    { label: t('config.overview.mode'), value: t(`mode.${initial.mode}.title` as const) },
    { label: t('config.overview.currency'), value: initial.currency },
    { label: t('config.overview.calls30'), value: canReadLogs ? (totals ? formatCount(totals.calls) : '…') : '—' },
    {
      label: t('config.overview.charged30'),
      value: canReadLogs && totals ? <Money variant="beta" value={totals.charged} currency={initial.currency} /> : '—',
      hint:
        canReadLogs && totals
          ? tNodes('config.overview.cost', { cost: <Money variant="pi" textColor="neutral600" value={totals.cost} currency={initial.currency} /> })
          : undefined,
    },
  ];

  return (
    <BillingPage
      title={t('config.title')}
      subtitle={t('config.subtitle')}
      onSubmit={onSubmit}
      primaryAction={
        <Button type="submit" startIcon={<Check />} disabled={!canUpdate || !dirty} loading={saving}>
          {t('common.save')}
        </Button>
      }
      gap={6}
      dialogs={
        <>
          <DiscardChangesDialog
            open={leaving.state === 'blocked'}
            onOpenChange={(open) => !open && leaving.state === 'blocked' && leaving.reset()}
            onDiscard={() => leaving.state === 'blocked' && leaving.proceed()}
          />
          <ConfirmDialog
            open={modeDialog.open}
            onOpenChange={(open) => setModeDialog((state) => ({ ...state, open }))}
            title={t('config.modeDialog.title')}
            variant="default"
            confirmLabel={t('config.modeDialog.confirm', { mode: t(`mode.${mode}.title` as const) })}
            confirmDisabled={modeDialog.loading}
            onConfirm={async () => {
              await save();
              setModeDialog({ open: false, loading: false });
            }}
          >
            <ModeImpactText from={initial.mode} to={mode} impact={modeDialog.impact} loading={modeDialog.loading} />
          </ConfirmDialog>
        </>
      }
    >
      {!canUpdate && <Callout variant="info">{t('config.readOnly')}</Callout>}
      <UnreadableSecrets />
      <StatTiles tiles={tiles} />
      <ConfigSections form={form} savedMode={initial.mode} errors={errors} disabled={!canUpdate} onChange={update} />
      <RecentChanges />
    </BillingPage>
  );
};

const ModeImpactText = ({ from, to, impact, loading }: { from: BillingMode; to: BillingMode; impact?: ModeImpact; loading: boolean }) => {
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
    // Period mode is the one that draws on subscriptions: switching to it puts them to use, any other target leaves them idle.
    if (to !== 'period' && impact.activeSubscriptions > 0) {
      lines.push(t('config.modeDialog.subscriptions', { count: impact.activeSubscriptions, mode: modeName }));
    }
    if (to === 'period' && impact.activeSubscriptions > 0) {
      lines.push(t('config.modeDialog.subscriptionsUsed', { count: impact.activeSubscriptions }));
    }
    if (impact.openHolds > 0) lines.push(t('config.modeDialog.holds', { count: impact.openHolds }));
    if (!lines.length) lines.push(t('config.modeDialog.noImpact'));
  } else {
    lines.push(t('config.modeDialog.impactUnavailable'));
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography textAlign="center">{t('config.modeDialog.intro', { from: t(`mode.${from}.title` as const), to: modeName })}</Typography>
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
