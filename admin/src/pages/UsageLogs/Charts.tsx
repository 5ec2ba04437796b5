import * as React from 'react';
import { Box, Flex, Grid, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';

import type { StatsGroupBy, StatsPoint, UsageLogFilters } from '../../../../contracts';
import { useUsageStats } from '../../api/logs';
import { BarChart, RankingBars, type ChartDatum } from '../../components/Charts';
import { Callout } from '../../components/Callout';
import { useFormatChartDay } from '../../components/DateTime';
import { LoadError } from '../../components/LoadError';
import { Section } from '../../components/Section';
import { formatCount, toChartNumber } from '../../utils/decimal';
import { currencySymbol, formatMoney, formatMoneyRounded } from '../../utils/money';
import { useT, type TranslationKey } from '../../utils/translations';
import { daysBetween } from './filters';

interface UsageChartsProps {
  filters: UsageLogFilters;
  currency?: string;
  onPick: (key: 'model' | 'userId', value: string) => void;
}

/**
 * The stats follow the period, user and model filters, as the cards above them do: the daily rollups they
 * are read from hold (day, user, model). Billing mode, route and status are not in the rollups.
 */
const useStats = (groupBy: StatsGroupBy, { from, to, userId, model }: UsageLogFilters, limit?: number) =>
  useUsageStats({ from, to, userId, model, groupBy, limit });

/** The list's filters the charts cannot follow (the rollups do not hold them). */
const NOT_IN_ROLLUPS = ['billingMode', 'routeSource', 'status'] as const;

const FILTER_LABELS: Record<(typeof NOT_IN_ROLLUPS)[number], TranslationKey> = {
  billingMode: 'logs.filter.billingMode',
  routeSource: 'logs.filter.routeSource',
  status: 'logs.filter.status',
};

/** The rankings under the daily charts: what they rank, and the filter a click on a bar applies. */
const RANKINGS: Array<{
  pick: 'model' | 'userId';
  title: TranslationKey;
  color: string;
}> = [
  { pick: 'model', title: 'charts.byModel', color: 'alternative500' },
  { pick: 'userId', title: 'charts.topSpenders', color: 'success500' },
];

const ChartCell = ({ title, gap, children }: { title: string; gap: number; children: React.ReactNode }) => (
  <Grid.Item col={6} xs={12} direction="column" alignItems="stretch" gap={gap}>
    <Typography variant="sigma" textColor="neutral600">
      {title}
    </Typography>
    {children}
  </Grid.Item>
);

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
    return keys.map(
      (key): StatsPoint =>
        byKey.get(key.slice(0, 10)) ?? {
          key,
          calls: 0,
          tokens: 0,
          cost: '0',
          charged: '0',
        },
    );
  }, [days.data, filters.from, filters.to]);

  const formatDay = useFormatChartDay();
  const dayLabel = (key: string) => formatDay(key);

  const moneyData = (points: StatsPoint[], label: (key: string) => string = (key) => key): ChartDatum[] =>
    points.map((point) => ({
      key: point.key,
      label: label(point.key),
      value: toChartNumber(point[metric]),
      display: formatMoneyRounded(point[metric], currency),
      exact: formatMoney(point[metric], currency),
      detail: t('charts.callsDetail', { count: point.calls, calls: formatCount(point.calls) }),
    }));

  const callsData: ChartDatum[] = daily.map((point) => ({
    key: point.key,
    label: dayLabel(point.key),
    value: toChartNumber(point.calls),
    display: formatCount(point.calls),
    detail: t('charts.tokensDetail', { tokens: formatCount(point.tokens) }),
  }));

  const rankings = { model: models, userId: users };
  const ignored = NOT_IN_ROLLUPS.filter((key) => filters[key]);
  const emptyLabel = (stats: { isLoading: boolean }) => (stats.isLoading ? t('common.loading') : t('charts.empty'));
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
      {/* A failed read shows its error with Retry instead of charts claiming "No calls in this period". */}
      {error ? (
        <LoadError
          error={error}
          retrying={days.isFetching || models.isFetching || users.isFetching}
          onRetry={() => [days, models, users].forEach((stats) => stats.error && stats.refetch())}
        />
      ) : (
        <Flex direction="column" alignItems="stretch" gap={4}>
        {ignored.length > 0 && (
          <Callout variant="warning">
            {t('charts.filtersIgnored', { filters: ignored.map((key) => t(FILTER_LABELS[key])).join(', ') })}
          </Callout>
        )}
        <Grid.Root gap={6}>
          <ChartCell title={metric === 'cost' ? t('charts.costPerDay') : t('charts.chargedPerDay')} gap={2}>
            <BarChart
              data={moneyData(daily, dayLabel)}
              axisPrefix={currencySymbol(currency) ?? ''}
              emptyLabel={emptyLabel(days)}
              ariaLabel={t('charts.costPerDay')}
            />
          </ChartCell>
          <ChartCell title={t('charts.callsPerDay')} gap={2}>
            <BarChart data={callsData} color="secondary500" emptyLabel={emptyLabel(days)} ariaLabel={t('charts.callsPerDay')} />
          </ChartCell>
          {RANKINGS.map((ranking) => (
            <ChartCell key={ranking.pick} title={t(ranking.title)} gap={3}>
              <RankingBars
                data={moneyData(rankings[ranking.pick].data?.points ?? [])}
                emptyLabel={emptyLabel(rankings[ranking.pick])}
                color={ranking.color}
                onSelect={(datum) => onPick(ranking.pick, datum.key)}
              />
            </ChartCell>
          ))}
        </Grid.Root>
        </Flex>
      )}
    </Section>
  );
};
