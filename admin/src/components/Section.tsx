import * as React from 'react';
import { Box, Flex, Grid, Typography } from '@strapi/design-system';

interface SectionProps {
  title?: React.ReactNode;
  subtitle?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  /** Tighter padding, for tables. */
  compact?: boolean;
}

/** A white card, as Strapi's settings pages use for each group of fields. */
export const Section = ({ title, subtitle, actions, children, compact }: SectionProps) => (
  <Box
    background="neutral0"
    hasRadius
    shadow="filterShadow"
    paddingTop={compact ? 4 : 6}
    paddingBottom={compact ? 4 : 6}
    paddingLeft={compact ? 4 : 7}
    paddingRight={compact ? 4 : 7}
  >
    <Flex direction="column" alignItems="stretch" gap={4}>
      {(title || actions) && (
        <Flex justifyContent="space-between" alignItems="flex-start" gap={4} wrap="wrap">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            {title && (
              <Typography variant="delta" tag="h2">
                {title}
              </Typography>
            )}
            {subtitle && (
              <Typography variant="pi" textColor="neutral600">
                {subtitle}
              </Typography>
            )}
          </Flex>
          {actions && (
            <Flex gap={2} wrap="wrap">
              {actions}
            </Flex>
          )}
        </Flex>
      )}
      {children}
    </Flex>
  </Box>
);

interface StatCardProps {
  label: React.ReactNode;
  value: React.ReactNode;
  hint?: React.ReactNode;
}

export const StatCard = ({ label, value, hint }: StatCardProps) => (
  <Box background="neutral0" hasRadius shadow="filterShadow" padding={5} height="100%">
    <Flex direction="column" alignItems="flex-start" gap={2}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Box>{typeof value === 'string' ? <Typography variant="beta">{value}</Typography> : value}</Box>
      {hint && (
        <Typography variant="pi" textColor="neutral600">
          {hint}
        </Typography>
      )}
    </Flex>
  </Box>
);

/**
 * A row of stat cards, as wide as the content: 4 cards a quarter each (halves on a small screen), 3 a
 * third each (the first full width, then halves on a small screen); each full width on a phone.
 */
export const StatTiles = ({ tiles }: { tiles: StatCardProps[] }) => {
  const col = 12 / tiles.length;
  return (
    <Grid.Root gap={4}>
      {tiles.map((tile, index) => (
        <Grid.Item
          key={index}
          col={col}
          s={tiles.length % 2 === 1 && index === 0 ? 12 : 6}
          xs={12}
          direction="column"
          alignItems="stretch"
        >
          <StatCard {...tile} />
        </Grid.Item>
      ))}
    </Grid.Root>
  );
};
