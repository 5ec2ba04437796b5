import * as React from 'react';
import { Box, DateTimePicker, Field, Flex, Grid, Loader, Typography } from '@strapi/design-system';

import { CODE_MODES, CODES_PER_REQUEST, type CodeCreateResult, type CodeMode } from '../../../../contracts';
import { useCodeMutations } from '../../api/codes';
import { usePlans } from '../../api/plans';
import { Callout } from '../../components/Callout';
import { DecimalField, FormCell, SelectField, TextareaField, TextField } from '../../components/FormFields';
import { FormModal } from '../../components/FormModal';
import { useDuplicateName, type TakenName } from '../../hooks/useDuplicateName';
import { useDialogForm } from '../../hooks/useFormSubmit';
import { usePermissions } from '../../hooks/usePermissions';
import { formatCount } from '../../utils/decimal';
import { useT } from '../../utils/translations';
import { checkCodeForm, codeCount, emptyCodeForm, isSingle, toCodeInput, type CodeForm } from './codeForm';

/** The fields the form has an input for: a server error naming any other goes in a callout at the top. */
const FORM_FIELDS = new Set<string>(['count', 'mode', 'amount', 'planId', 'durationDays', 'totalUses', 'perUserLimit', 'expiresAt', 'description', 'batch', 'code']);

interface CreateCodesModalProps {
  open: boolean;
  /** The billing currency: what a usage code's amount is in. */
  currency?: string;
  onClose: () => void;
  onCreated: (result: CodeCreateResult) => void;
  /** Shows the code a chosen code was refused for (409: it exists). */
  onShowExisting?: (existing: TakenName['existing']) => void;
}

/** The moment the request takes: one POST, a few seconds for 10,000 codes (they are inserted in one transaction). */
const Progress = ({ count }: { count: number }) => {
  const t = useT();
  const text = t('codes.create.progress', { count });
  return (
    <Box background="primary100" borderColor="primary200" hasRadius padding={4}>
      <Flex gap={3} alignItems="center" aria-live="polite">
        <Loader small>{text}</Loader>
        <Typography fontWeight="semiBold">{text}</Typography>
      </Flex>
    </Box>
  );
};

/** Creates one code (whose text may be chosen) or a batch of generated codes. */
export const CreateCodesModal = ({ open, currency, onClose, onCreated, onShowExisting }: CreateCodesModalProps) => {
  const t = useT();
  const { can } = usePermissions();
  const { create } = useCodeMutations();
  const { values: form, set, field, setErrors, errors, saving, submit, dirty } = useDialogForm<CodeForm>(open, emptyCodeForm);
  const [formError, setFormError] = React.useState<string>();
  const duplicate = useDuplicateName(open, onShowExisting, 'errors.duplicate.show');
  const plans = usePlans({ enabled: open && form.mode === 'period' && can['plans.read'] });
  const count = codeCount(form);

  React.useEffect(() => {
    if (open) setFormError(undefined);
  }, [open]);

  const onSubmit = () => {
    setFormError(undefined);
    return submit(
      checkCodeForm(form, t),
      async () => onCreated(await create(toCodeInput(form))),
      (info) => {
        // A chosen code that exists already (409): said on the field that chose it, with a link to it.
        if (info.duplicate) return setErrors(duplicate.fieldErrorsOf(info));
        setErrors(info.fieldErrors);
        const unshown = Object.entries(info.fieldErrors).filter(([key]) => !FORM_FIELDS.has(key));
        if (unshown.length) setFormError(unshown.map(([key, message]) => `${key || 'body'}: ${message}`).join('\n'));
        else if (!Object.keys(info.fieldErrors).length) setFormError(info.message);
      },
    );
  };

  const planOptions = (plans.data ?? []).map((plan) => ({
    value: String(plan.id),
    label: plan.enabled ? plan.name : t('codes.field.planDisabled', { name: plan.name }),
  }));

  return (
    <FormModal
      dirty={dirty}
      open={open}
      title={t('codes.create.title')}
      saving={saving}
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={t('codes.create.submit', { count: count ?? 1 })}
      contentStyle={{ maxWidth: '80rem', width: '100%' }}
    >
      <Flex direction="column" alignItems="stretch" gap={5}>
        {saving && <Progress count={count ?? 1} />}
        {formError && <Callout variant="danger">{formError}</Callout>}
        <Grid.Root gap={4}>
          <FormCell col={3} s={6}>
            <TextField
              {...field('count')}
              label={t('codes.field.count')}
              hint={t('codes.field.count.hint', { max: formatCount(CODES_PER_REQUEST) })}
              inputMode="numeric"
              required
              disabled={saving}
            />
          </FormCell>
          <FormCell col={3} s={6}>
            <SelectField<CodeMode>
              {...field('mode')}
              label={t('codes.field.mode')}
              disabled={saving}
              options={CODE_MODES.map((mode) => ({ value: mode, label: t(`codes.mode.${mode}`) }))}
            />
          </FormCell>
          {form.mode === 'usage' ? (
            <FormCell col={6}>
              <DecimalField
                {...field('amount')}
                label={t('codes.field.amount')}
                hint={currency ? t('price.modal.currency', { currency }) : undefined}
                placeholder="5.00"
                required
                disabled={saving}
              />
            </FormCell>
          ) : (
            <>
              <FormCell col={4} s={8}>
                <SelectField
                  {...field('planId')}
                  label={t('codes.field.plan')}
                  hint={can['plans.read'] ? undefined : t('codes.field.planNoPermission')}
                  placeholder={plans.isLoading ? t('common.loading') : undefined}
                  options={planOptions}
                  required
                  disabled={saving}
                />
              </FormCell>
              <FormCell col={2} s={4}>
                <TextField {...field('durationDays')} label={t('codes.field.durationDays')} inputMode="numeric" required disabled={saving} />
              </FormCell>
            </>
          )}
          <FormCell col={3} s={6}>
            <TextField
              {...field('totalUses')}
              label={t('codes.field.totalUses')}
              hint={t('codes.field.totalUses.hint')}
              inputMode="numeric"
              required
              disabled={saving}
            />
          </FormCell>
          <FormCell col={3} s={6}>
            <TextField
              {...field('perUserLimit')}
              label={t('codes.field.perUserLimit')}
              hint={t('codes.field.perUserLimit.hint')}
              inputMode="numeric"
              required
              disabled={saving}
            />
          </FormCell>
          <FormCell col={6}>
            <Field.Root name="expiresAt" id="expiresAt" hint={t('codes.field.expiresAt.hint')} error={errors.expiresAt}>
              <Field.Label>{t('codes.field.expiresAt')}</Field.Label>
              <DateTimePicker
                value={form.expiresAt ?? null}
                minDate={new Date()}
                disabled={saving}
                dateLabel={t('codes.field.expiresAt.date')}
                timeLabel={t('codes.field.expiresAt.time')}
                clearLabel={t('common.clear')}
                onClear={() => set('expiresAt', undefined)}
                onChange={(date?: Date) => set('expiresAt', date)}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
          </FormCell>
          <FormCell col={6}>
            <TextField {...field('batch')} label={t('codes.field.batch')} hint={t('codes.field.batch.hint')} disabled={saving} />
          </FormCell>
          {isSingle(form) && (
            <FormCell col={6}>
              <TextField
                {...field('code')}
                errorAction={duplicate.errorAction('code')}
                label={t('codes.field.code')} hint={t('codes.field.code.hint')} placeholder="WELCOME-5" disabled={saving} />
            </FormCell>
          )}
          <FormCell col={12}>
            <TextareaField {...field('description')} label={t('codes.field.description')} hint={t('codes.field.description.hint')} disabled={saving} />
          </FormCell>
        </Grid.Root>
      </Flex>
    </FormModal>
  );
};
