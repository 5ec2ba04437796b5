import * as React from 'react';
import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';

import type { BillLine } from '../../../contracts';
import { formatDecimal } from '../utils/decimal';
import { useT, type TranslationKey } from '../utils/translations';
import { Money } from './Money';

interface BillLinesProps {
  lines: BillLine[];
  currency?: string | null;
  /** Rows under the lines (cost, charged, total…), exact amounts. */
  totals: Array<{ label: React.ReactNode; value: string }>;
}

/** The columns, the amount (right-aligned) last. */
const HEADERS: TranslationKey[] = [
  'logs.line.item',
  'logs.line.quantity',
  'logs.line.unitPrice',
  'logs.line.unit',
  'logs.line.amount',
];

/** The line items of a bill and its totals, every amount exact (a usage log, the price preview). */
export const BillLines = ({ lines, currency, totals }: BillLinesProps) => {
  const t = useT();
  return (
    <Table colCount={5} rowCount={lines.length + totals.length + 1}>
      <Thead>
        <Tr>
          {HEADERS.map((key) => (
            <Th key={key} style={key === 'logs.line.amount' ? { textAlign: 'right' } : undefined}>
              <Typography variant="sigma" style={key === 'logs.line.amount' ? { width: '100%', textAlign: 'right' } : undefined}>
                {t(key)}
              </Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {lines.map((line, index) => (
          <Tr key={`${line.item}-${index}`}>
            <Td>
              <Typography>{line.item}</Typography>
            </Td>
            <Td>
              <Typography>{formatDecimal(line.quantity)}</Typography>
            </Td>
            <Td>
              <Money value={line.unitPrice} currency={currency} exact />
            </Td>
            <Td>
              <Typography textColor="neutral600">{line.unit}</Typography>
            </Td>
            <Td style={{ textAlign: 'right' }}>
              <Money value={line.amount} currency={currency} exact />
            </Td>
          </Tr>
        ))}
        {totals.map((row, index) => (
          <Tr key={index}>
            <Td colSpan={4}>
              <Typography fontWeight="bold">{row.label}</Typography>
            </Td>
            <Td style={{ textAlign: 'right' }}>
              <Money value={row.value} currency={currency} fontWeight="bold" exact />
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
