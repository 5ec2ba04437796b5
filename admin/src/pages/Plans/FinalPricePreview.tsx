import { Box, Typography } from '@strapi/design-system';

import type { PlanInterval } from '../../../../contracts';
import { formatDecimal, isZeroDecimal } from '../../utils/decimal';
import { formatMoney } from '../../utils/money';
import { useT } from '../../utils/translations';
import { previewFinalPrice, type PlanForm } from './planForm';

/**
 * What a buyer pays for the plan as typed, computed with the server's own rule (contracts/plans.ts
 * `finalPlanPrice`: price less the discount, rounded half-up to the currency's minor unit), so the
 * preview is the amount a checkout will charge.
 */
export const FinalPricePreview = ({ form, currency }: { form: PlanForm; currency?: string }) => {
  const t = useT();
  const preview = previewFinalPrice(form, currency);
  const interval: PlanInterval = form.interval;
  const text = !preview
    ? t('plans.preview.invalid')
    : isZeroDecimal(preview.discount)
      ? t('plans.preview.full', { final: formatMoney(preview.finalPrice, currency), interval })
      : t('plans.preview.discounted', {
          final: formatMoney(preview.finalPrice, currency),
          price: formatMoney(preview.price, currency),
          discount: formatDecimal(preview.discount),
          interval,
        });
  return (
    <Box background="neutral100" hasRadius padding={4} aria-live="polite">
      <Typography variant="sigma" textColor="neutral600" tag="p">
        {t('plans.preview.title')}
      </Typography>
      <Typography variant="omega" fontWeight={preview ? 'bold' : undefined} textColor={preview ? 'neutral800' : 'neutral600'} tag="p">
        {text}
      </Typography>
    </Box>
  );
};
