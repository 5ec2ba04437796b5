import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { CheckCircle, Information, WarningCircle } from '@strapi/icons';

type Variant = 'info' | 'warning' | 'danger' | 'success';

const STYLES: Record<Variant, { background: string; border: string; icon: string }> = {
  info: { background: 'primary100', border: 'primary200', icon: 'primary600' },
  warning: { background: 'warning100', border: 'warning200', icon: 'warning600' },
  danger: { background: 'danger100', border: 'danger200', icon: 'danger600' },
  success: { background: 'success100', border: 'success200', icon: 'success600' },
};

/** An inline explanation or warning block (not dismissible). */
export const Callout = ({
  variant = 'info',
  title,
  children,
  action,
}: {
  variant?: Variant;
  title?: React.ReactNode;
  children?: React.ReactNode;
  action?: React.ReactNode;
}) => {
  const style = STYLES[variant];
  const Icon = variant === 'success' ? CheckCircle : variant === 'info' ? Information : WarningCircle;
  return (
    <Box background={style.background} borderColor={style.border} hasRadius padding={4}>
      <Flex gap={3} alignItems="flex-start">
        <Box paddingTop="2px">
          <Icon fill={style.icon} width="1.6rem" height="1.6rem" />
        </Box>
        <Flex direction="column" alignItems="flex-start" gap={1} flex={1}>
          {title && (
            <Typography fontWeight="bold" textColor="neutral800">
              {title}
            </Typography>
          )}
          {children && (
            <Typography variant="omega" textColor="neutral800" tag="div">
              {children}
            </Typography>
          )}
        </Flex>
        {action}
      </Flex>
    </Box>
  );
};
