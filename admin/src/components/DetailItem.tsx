import * as React from 'react';
import { Grid, Typography } from '@strapi/design-system';

/**
 * One labelled value of a detail view, in a `Grid.Root` of 12 columns: a quarter of the width (half on a
 * small screen, all of it on a phone). Text is wrapped in a Typography; anything else is shown as is.
 */
export const DetailItem = ({ label, children, col = 3 }: { label: string; children: React.ReactNode; col?: number }) => (
  <Grid.Item col={col} s={6} xs={12} direction="column" alignItems="flex-start" gap={1}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    {typeof children === 'string' || typeof children === 'number' ? (
      <Typography textColor="neutral800" style={{ wordBreak: 'break-word' }}>
        {children}
      </Typography>
    ) : (
      children
    )}
  </Grid.Item>
);
