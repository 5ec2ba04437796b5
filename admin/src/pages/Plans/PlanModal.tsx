import * as React from 'react';
import { Flex, Grid } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';

import { PLAN_INTERVALS, PLAN_NOTES_MAX_LINES, type Plan, type PlanInterval } from '../../../../contracts';
import { usePlanMutations } from '../../api/plans';
import { Callout } from '../../components/Callout';
import { DecimalField, FormCell, SelectField, TextareaField, TextField, ToggleField } from '../../components/FormFields';
import { FormModal } from '../../components/FormModal';
import { useDuplicateName, type TakenName } from '../../hooks/useDuplicateName';
import { useDialogForm } from '../../hooks/useFormSubmit';
import { useT } from '../../utils/translations';
import { FinalPricePreview } from './FinalPricePreview';
import { checkPlanForm, notesError, toPlanForm, toPlanInput, type PlanForm } from './planForm';

/** The fields the form has an input for: a server error on any other goes in a callout at the top. */
const FORM_FIELDS = new Set<string>(['name', 'description', 'price', 'interval', 'periodCredit', 'discount', 'enabled', 'sortOrder', 'notes']);

interface PlanModalProps {
  open: boolean;
  /** The plan to edit; none to create one. */
  plan?: Plan;
  /** Without plans.update: the plan is shown, not edited. */
  readOnly?: boolean;
  /** The billing currency: the currency of a new plan. */
  billingCurrency?: string;
  onClose: () => void;
  onSaved: (plan: Plan) => void;
  /** Opens the plan whose name a save was refused for (409). */
  onOpenExisting?: (existing: TakenName['existing']) => void;
}

/** Creates or edits a subscription plan, with a live preview of what buyers pay. */
export const PlanModal = ({ open, plan, readOnly, billingCurrency, onClose, onSaved, onOpenExisting }: PlanModalProps) => {
  const t = useT();
  const plans = usePlanMutations();
  const { toggleNotification } = useNotification();
  const { values: form, set, field, errors, setErrors, saving, submit, dirty } = useDialogForm<PlanForm>(open, () => toPlanForm(plan), plan);
  const [formError, setFormError] = React.useState<string>();
  const duplicate = useDuplicateName(open, onOpenExisting);
  const currency = plan?.currency ?? billingCurrency;

  React.useEffect(() => {
    if (open) setFormError(undefined);
  }, [open, plan]);

  const onSubmit = () => {
    setFormError(undefined);
    return submit(
      checkPlanForm(form, t),
      async () => {
        const body = toPlanInput(form);
        const saved = await (plan ? plans.update(plan.id, body) : plans.create(body));
        toggleNotification({ type: 'success', message: t('common.saved', { name: saved.name }) });
        onSaved(saved);
      },
      (info) => {
        // A name another plan has: said on the name field, with a link to that plan.
        if (info.duplicate) return setErrors(duplicate.fieldErrorsOf(info));
        setErrors(info.fieldErrors);
        const unshown = Object.entries(info.fieldErrors).filter(([key]) => !FORM_FIELDS.has(key) && !key.startsWith('notes['));
        if (unshown.length) setFormError(unshown.map(([key, message]) => `${key || 'body'}: ${message}`).join('\n'));
        else if (!Object.keys(info.fieldErrors).length) setFormError(info.message);
      },
    );
  };

  return (
    <FormModal
      dirty={dirty}
      open={open}
      title={plan ? t('plans.modal.editTitle', { name: plan.name }) : t('plans.modal.createTitle')}
      saving={saving}
      onClose={onClose}
      onSubmit={onSubmit}
      readOnly={readOnly}
      contentStyle={{ maxWidth: '80rem', width: '100%' }}
    >
      <Flex direction="column" alignItems="stretch" gap={5}>
        {formError && <Callout variant="danger">{formError}</Callout>}
        {plan && plan.activeSubscriptions > 0 && !readOnly && (
          <Callout variant="info">{t('plans.modal.activeNote', { count: plan.activeSubscriptions })}</Callout>
        )}
        <Grid.Root gap={4}>
          <FormCell col={8}>
            <TextField
              {...field('name')}
              errorAction={duplicate.errorAction('name')}
              label={t('plans.field.name')}
              required
              disabled={readOnly}
            />
          </FormCell>
          <FormCell col={4}>
            <TextField
              name="currency"
              label={t('plans.field.currency')}
              hint={t('plans.field.currency.hint')}
              value={currency ?? '—'}
              disabled
              onChange={() => undefined}
            />
          </FormCell>
          <FormCell col={12}>
            <TextareaField {...field('description')} label={t('plans.field.description')} disabled={readOnly} />
          </FormCell>
          <FormCell col={4}>
            <DecimalField {...field('price')} label={t('plans.field.price')} placeholder="9.99" required disabled={readOnly} />
          </FormCell>
          <FormCell col={4}>
            <DecimalField
              {...field('discount')}
              label={t('plans.field.discount')}
              hint={t('plans.field.discount.hint')}
              placeholder="0"
              disabled={readOnly}
            />
          </FormCell>
          <FormCell col={4}>
            <SelectField<PlanInterval>
              {...field('interval')}
              label={t('plans.field.interval')}
              disabled={readOnly}
              options={PLAN_INTERVALS.map((interval) => ({ value: interval, label: t(`plans.interval.${interval}`) }))}
            />
          </FormCell>
          <FormCell col={12}>
            <FinalPricePreview form={form} currency={currency} />
          </FormCell>
          <FormCell col={6}>
            <DecimalField
              {...field('periodCredit')}
              label={t('plans.field.periodCredit')}
              hint={t(form.interval === 'lifetime' ? 'plans.field.periodCredit.lifetimeHint' : 'plans.field.periodCredit.hint')}
              placeholder="25"
              required
              disabled={readOnly}
            />
          </FormCell>
          <FormCell col={3}>
            <TextField
              {...field('sortOrder')}
              label={t('plans.field.sortOrder')}
              hint={t('plans.field.sortOrder.hint')}
              inputMode="numeric"
              disabled={readOnly}
            />
          </FormCell>
          <FormCell col={3}>
            <ToggleField
              name="enabled"
              label={t('plans.field.enabled')}
              hint={t('plans.field.enabled.hint')}
              checked={form.enabled}
              disabled={readOnly}
              onLabel={t('common.on')}
              offLabel={t('common.off')}
              onChange={(checked) => set('enabled', checked)}
            />
          </FormCell>
          <FormCell col={12}>
            <TextareaField
              {...field('notes')}
              error={notesError(errors)}
              label={t('plans.field.notes')}
              hint={t('plans.field.notes.hint', { max: PLAN_NOTES_MAX_LINES })}
              disabled={readOnly}
            />
          </FormCell>
        </Grid.Root>
      </Flex>
    </FormModal>
  );
};
