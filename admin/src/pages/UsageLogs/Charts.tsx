import * as React from 'react';
import { Box, Flex, Grid, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';

import { useLogsApi } from '../../api/logs';
import type { StatsGroupBy, StatsPoint, UsageLogFilters } from '../../api/types';
import { BarChart, RankingBars, type ChartDatum } from '../../components/Charts';
import { Section } from '../../components/Section';
import { useRequest } from '../../hooks/useRequest';
import { formatCount, toChartNumber } from '../../utils/decimal';
import { currencySymbol, formatMoney, formatMoneyRounded } from '../../utils/money';
import { useT } from '../../utils/translations';
import { daysBetween } from './filters';

interface UsageChartsProps {
  filters: UsageLogFilters;
  currency?: string;
  onPick: (key: 'model' | 'userId', value: string) => void;
}

const useStats = (groupBy: StatsGroupBy, filters: UsageLogFilters, limit?: number) => {
  const api = useLogsApi();
  const { from, to } = filters;
  return useRequest(() => api.getStats({ from, to, groupBy, limit }), [api, from, to, groupBy, limit]);
};

/** Cost and calls per day, cost per model and top spenders over the selected period. */
export const UsageCharts = ({ filters, currency, onPick }: UsageChartsProps) => {
  const t = useT();
  const [metric, setMetric] = React.useState<'cost' | 'charged'>('cost');
  const days = useStats('day', filters);
  const models = useStats('model', filters, 10);
  const users = useStats('user', filters, 10);

  const daily = React.useMemo(() => {
    const points = days.data?.points ?? [];
    if (points.length === 0) return [];
    const byKey = new Map(points.map((point) => [point.key.slice(0, 10), point]));
    const allDays = points.every((point) => /^\d{4}-\d{2}-\d{2}/.test(point.key)) ? daysBetween(filters.from, filters.to) : [];
    const keys = allDays.length ? Array.from(new Set([...allDays, ...byKey.keys()])).sort() : points.map((p) => p.key);
    return keys.map((key): StatsPoint => byKey.get(key.slice(0, 10)) ?? { key, calls: 0, tokens: 0, cost: '0', charged: '0' });
  }, [days.data, filters.from, filters.to]);

  const dayLabel = (key: string) => (/^\d{4}-\d{2}-\d{2}/.test(key) ? key.slice(5, 10) : key);

  const moneyData = (points: StatsPoint[], label: (key: string) => string = (key) => key): ChartDatum[] =>
    points.map((point) => ({
      key: point.key,
      label: label(point.key),
      value: toChartNumber(point[metric]),
      display: formatMoneyRounded(point[metric], currency),
      exact: formatMoney(point[metric], currency),
      detail: t('charts.callsDetail', { calls: formatCount(point.calls) }),
    }));

  const callsData: ChartDatum[] = daily.map((point) => ({
    key: point.key,
    label: dayLabel(point.key),
    value: toChartNumber(point.calls),
    display: formatCount(point.calls),
    detail: t('charts.tokensDetail', { tokens: formatCount(point.tokens) }),
  }));

  const error = days.error ?? models.error ?? users.error;

  return (
    <Section
      title={t('charts.title')}
      subtitle={t('charts.subtitle')}
      actions={
        <Box width="18rem">
          <SingleSelect
            size="S"
            aria-label={t('charts.metric')}
            value={metric}
            onChange={(value: string | number) => setMetric(value === 'charged' ? 'charged' : 'cost')}
          >
            <SingleSelectOption value="cost">{t('charts.metric.cost')}</SingleSelectOption>
            <SingleSelectOption value="charged">{t('charts.metric.charged')}</SingleSelectOption>
          </SingleSelect>
        </Box>
      }
    >
      {error && (
        <Typography textColor="danger600" variant="pi">
          {error.message}
        </Typography>
      )}
      <Grid.Root gap={6}>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch" gap={2}>
          <Typography variant="sigma" textColor="neutral600">
            {metric === 'cost' ? t('charts.costPerDay') : t('charts.chargedPerDay')}
          </Typography>
          <BarChart
            data={moneyData(daily, dayLabel)}
            axisPrefix={currencySymbol(currency) ?? ''}
            emptyLabel={days.isLoading ? t('common.loading') : t('charts.empty')}
            ariaLabel={t('charts.costPerDay')}
          />
        </Grid.Item>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch" gap={2}>
          <Typography variant="sigma" textColor="neutral600">
            {t('charts.callsPerDay')}
          </Typography>
          <BarChart
            data={callsData}
            color="secondary500"
            emptyLabel={days.isLoading ? t('common.loading') : t('charts.empty')}
            ariaLabel={t('charts.callsPerDay')}
          />
        </Grid.Item>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch" gap={3}>
          <Flex justifyContent="space-between">
            <Typography variant="sigma" textColor="neutral600">
              {t('charts.byModel')}
            </Typography>
          </Flex>
          <RankingBars
            data={moneyData(models.data?.points ?? [])}
            emptyLabel={models.isLoading ? t('common.loading') : t('charts.empty')}
            color="alternative500"
            onSelect={(datum) => onPick('model', datum.key)}
          />
        </Grid.Item>
        <Grid.Item col={6} xs={12} direction="column" alignItems="stretch" gap={3}>
          <Typography variant="sigma" textColor="neutral600">
            {t('charts.topSpenders')}
          </Typography>
          <RankingBars
            data={moneyData(users.data?.points ?? [])}
            emptyLabel={users.isLoading ? t('common.loading') : t('charts.empty')}
            color="success500"
            onSelect={(datum) => onPick('userId', datum.key)}
          />
        </Grid.Item>
      </Grid.Root>
    </Section>
  );
};
