import * as React from 'react';
import {
  Box,
  EmptyStateLayout,
  Flex,
  Loader,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
  VisuallyHidden,
} from '@strapi/design-system';
import { EmptyDocuments } from '@strapi/icons/symbols';
import { useTheme } from 'styled-components';

import { DateTime } from './DateTime';

export interface Column<T> {
  key: string;
  label: React.ReactNode;
  render: (row: T) => React.ReactNode;
  /** Right-align numbers and amounts. */
  align?: 'left' | 'right' | 'center';
  width?: string;
  /** Header hidden visually (action columns). */
  hideLabel?: boolean;
  /** Stays at the table's right edge while the table scrolls sideways (row actions). */
  sticky?: boolean;
}

/** A sticky column's cell: pinned to the right edge, opaque (the row's colour) over the cells scrolling under it. */
const stickyStyle = (column: { sticky?: boolean }, background: string): React.CSSProperties =>
  column.sticky ? { position: 'sticky', right: 0, zIndex: 1, background } : {};

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  isLoading?: boolean;
  emptyContent: string;
  emptyAction?: React.ReactNode;
  onRowClick?: (row: T) => void;
  /** Background of a row, e.g. to highlight unpriced models. */
  rowBackground?: (row: T) => string | undefined;
  footer?: React.ReactNode;
  loadingLabel?: string;
  /** A one-line empty state, for small secondary tables. */
  compactEmpty?: boolean;
}

const stop = (event: React.MouseEvent) => event.stopPropagation();

/** Design-system table with loading and empty states. Put buttons in cells inside <CellActions>. */
export const DataTable = <T,>({
  columns,
  rows,
  rowKey,
  isLoading,
  emptyContent,
  emptyAction,
  onRowClick,
  rowBackground,
  footer,
  loadingLabel = 'Loading',
  compactEmpty,
}: DataTableProps<T>) => {
  const items = rows ?? [];
  const theme = useTheme();
  const colour = (name: string | undefined) => (theme.colors as unknown as Record<string, string>)[name ?? 'neutral0'] ?? theme.colors.neutral0;

  if (!isLoading && items.length === 0 && compactEmpty) {
    return (
      <Box background="neutral100" hasRadius padding={4}>
        <Typography textColor="neutral600">{emptyContent}</Typography>
      </Box>
    );
  }

  if (!isLoading && items.length === 0) {
    return (
      <EmptyStateLayout
        icon={<EmptyDocuments width="16rem" />}
        content={emptyContent}
        action={emptyAction}
        hasRadius
        shadow="tableShadow"
      />
    );
  }

  return (
    <Table colCount={columns.length} rowCount={items.length + 1} footer={footer}>
      <Thead>
        <Tr>
          {columns.map((column) => (
            <Th key={column.key} style={{ width: column.width, textAlign: column.align, ...stickyStyle(column, colour('neutral0')) }}>
              {column.hideLabel ? (
                <VisuallyHidden>{column.label}</VisuallyHidden>
              ) : (
                <Typography variant="sigma" textColor="neutral600" style={{ width: '100%', textAlign: column.align }}>
                  {column.label}
                </Typography>
              )}
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {isLoading && items.length === 0 ? (
          <Tr>
            <Td colSpan={columns.length}>
              <Flex justifyContent="center" padding={8}>
                <Loader small>{loadingLabel}</Loader>
              </Flex>
            </Td>
          </Tr>
        ) : (
          items.map((row) => {
            const background = rowBackground?.(row);
            return (
              <Tr
                key={rowKey(row)}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                // A row that opens something is reachable by Tab and opened with Enter or Space, like a link;
                // keys pressed on a button inside the row stay that button's.
                tabIndex={onRowClick ? 0 : undefined}
                onKeyDown={
                  onRowClick
                    ? (event: React.KeyboardEvent<HTMLTableRowElement>) => {
                        if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
                        event.preventDefault();
                        onRowClick(row);
                      }
                    : undefined
                }
                style={{ cursor: onRowClick ? 'pointer' : undefined }}
                background={background}
              >
                {columns.map((column) => (
                  <Td key={column.key} style={{ textAlign: column.align, ...stickyStyle(column, colour(background)) }}>
                    <Box style={{ textAlign: column.align }}>{column.render(row)}</Box>
                  </Td>
                ))}
              </Tr>
            );
          })
        )}
      </Tbody>
    </Table>
  );
};

/** Wraps the action buttons of a row so clicking them does not open the row. */
export const CellActions = ({ children }: { children: React.ReactNode }) => (
  <Flex gap={1} justifyContent="flex-end" onClick={stop}>
    {children}
  </Flex>
);

/** Plain cell text. */
export interface CellTextProps {
  children: React.ReactNode;
  muted?: boolean;
  mono?: boolean;
  ellipsis?: boolean;
  /** Width after which an ellipsis cell is cut, or a wrapping cell wraps. */
  maxWidth?: string;
  /** Free text that wraps onto more lines within maxWidth (ledger notes): every word stays readable. */
  wrap?: boolean;
}

export const CellText = ({ children, muted, mono, ellipsis, wrap, maxWidth = '24rem' }: CellTextProps) => (
  <Typography
    textColor={muted ? 'neutral600' : 'neutral800'}
    ellipsis={ellipsis && !wrap}
    title={ellipsis && !wrap && typeof children === 'string' ? children : undefined}
    style={{
      fontFamily: mono ? 'SFMono-Regular, Menlo, Consolas, monospace' : undefined,
      fontVariantNumeric: 'tabular-nums',
      fontSize: mono ? '1.2rem' : undefined,
      whiteSpace: wrap ? 'normal' : ellipsis ? undefined : 'nowrap',
      overflowWrap: wrap ? 'anywhere' : undefined,
      display: 'block',
      maxWidth: ellipsis || wrap ? maxWidth : undefined,
    }}
  >
    {children}
  </Typography>
);

type KeyOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T] & string;

/** A column showing a text field of the row as CellText (`—` when empty). */
export const textColumn = <T,>(
  key: KeyOf<T, string | number | null | undefined>,
  label: string,
  cell: Omit<CellTextProps, 'children'> = {},
): Column<T> => ({
  key,
  label,
  render: (row) => <CellText {...cell}>{(row[key] as string | number | null | undefined) || '—'}</CellText>,
});

/** A column showing a date-time field of the row, as every Billing page shows one (`textColor` to mute it). */
export const dateColumn = <T,>(key: KeyOf<T, string | null | undefined>, label: string, textColor?: string): Column<T> => ({
  key,
  label,
  render: (row) => (
    <DateTime value={row[key] as string | null | undefined} variant="pi" {...(textColor ? { textColor } : {})} />
  ),
});
