import * as React from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { styled, useTheme } from 'styled-components';

export interface ChartDatum {
  key: string;
  /** Axis / row label. */
  label: string;
  /** Bar size only (a visual scale): the displayed value is `display`. */
  value: number;
  /** The value as shown (money rounded to the currency's minor unit). */
  display: string;
  /** Every digit of a rounded `display`, shown in the tooltip. */
  exact?: string;
  /** Extra line in the tooltip. */
  detail?: string;
}

/** "$0.12 ($0.118734)" when the exact value differs from the one shown. */
const shownValue = (datum: ChartDatum) => (datum.exact && datum.exact !== datum.display ? `${datum.display} (${datum.exact})` : datum.display);

type ThemeColors = { colors?: Record<string, string> };

const useColor = (name: string, fallback: string) => {
  const theme = useTheme() as unknown as ThemeColors | undefined;
  return theme?.colors?.[name] ?? fallback;
};

const useWidth = () => {
  const ref = React.useRef<HTMLDivElement>(null);
  const [width, setWidth] = React.useState(0);
  React.useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return undefined;
    setWidth(node.getBoundingClientRect().width);
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(([entry]) => setWidth(entry.contentRect.width));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
};

/** "Nice" upper bound of an axis: 1, 2, 2.5 or 5 times a power of ten. */
const niceMax = (value: number) => {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const scaled = value / power;
  const step = scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 2.5 ? 2.5 : scaled <= 5 ? 5 : 10;
  return step * power;
};

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 2 });

interface BarChartProps {
  data: ChartDatum[];
  height?: number;
  color?: string;
  /** Prefix of axis labels ("$"). */
  axisPrefix?: string;
  emptyLabel: string;
  ariaLabel: string;
}

/** Vertical bars in plain SVG (cost or calls per day). */
export const BarChart = ({ data, height = 200, color = 'primary600', axisPrefix = '', emptyLabel, ariaLabel }: BarChartProps) => {
  const { ref, width } = useWidth();
  const [hover, setHover] = React.useState<number | null>(null);
  const fill = useColor(color, '#4945ff');
  const hoverFill = useColor(color.replace(/\d+$/, '700'), '#271fe0');
  const grid = useColor('neutral150', '#eaeaef');
  const text = useColor('neutral600', '#666687');

  const padding = { top: 12, right: 8, bottom: 28, left: 52 };
  const innerWidth = Math.max(0, width - padding.left - padding.right);
  const innerHeight = height - padding.top - padding.bottom;
  const max = niceMax(Math.max(0, ...data.map((d) => d.value)));
  const slot = data.length ? innerWidth / data.length : 0;
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const labelEvery = Math.max(1, Math.ceil(data.length / Math.max(1, Math.floor(innerWidth / 64))));
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const hovered = hover !== null ? data[hover] : undefined;

  return (
    <Box ref={ref} position="relative" width="100%">
      {data.length === 0 ? (
        <Flex height={`${height}px`} justifyContent="center" alignItems="center">
          <Typography textColor="neutral500">{emptyLabel}</Typography>
        </Flex>
      ) : (
        width > 0 && (
          <svg width={width} height={height} role="img" aria-label={ariaLabel} onMouseLeave={() => setHover(null)}>
            {ticks.map((tick) => {
              const y = padding.top + innerHeight * (1 - tick);
              return (
                <g key={tick}>
                  <line x1={padding.left} x2={width - padding.right} y1={y} y2={y} stroke={grid} />
                  <text x={padding.left - 6} y={y + 4} textAnchor="end" fontSize={11} fill={text}>
                    {axisPrefix}
                    {compact.format(max * tick)}
                  </text>
                </g>
              );
            })}
            {data.map((datum, index) => {
              const barHeight = max > 0 ? (datum.value / max) * innerHeight : 0;
              const x = padding.left + slot * index + (slot - barWidth) / 2;
              const y = padding.top + innerHeight - barHeight;
              return (
                <g key={datum.key} onMouseEnter={() => setHover(index)}>
                  <rect x={padding.left + slot * index} y={padding.top} width={slot} height={innerHeight} fill="transparent" />
                  <rect
                    x={x}
                    y={y}
                    width={barWidth}
                    height={Math.max(barHeight, datum.value > 0 ? 1 : 0)}
                    rx={2}
                    fill={hover === index ? hoverFill : fill}
                  >
                    <title>{`${datum.label}: ${shownValue(datum)}${datum.detail ? ` · ${datum.detail}` : ''}`}</title>
                  </rect>
                  {index % labelEvery === 0 && (
                    <text
                      x={padding.left + slot * index + slot / 2}
                      y={height - 8}
                      textAnchor="middle"
                      fontSize={11}
                      fill={text}
                    >
                      {datum.label}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
        )
      )}
      {hovered && hover !== null && (
        <Box
          position="absolute"
          top={0}
          background="neutral800"
          hasRadius
          paddingTop={1}
          paddingBottom={1}
          paddingLeft={2}
          paddingRight={2}
          style={{
            left: Math.min(Math.max(0, padding.left + slot * hover + slot / 2 - 70), Math.max(0, width - 160)),
            pointerEvents: 'none',
          }}
        >
          <Typography variant="pi" textColor="neutral0" style={{ whiteSpace: 'nowrap' }}>
            {hovered.label}: <strong>{shownValue(hovered)}</strong>
            {hovered.detail ? ` · ${hovered.detail}` : ''}
          </Typography>
        </Box>
      )}
    </Box>
  );
};

interface RankingBarsProps {
  data: ChartDatum[];
  color?: string;
  emptyLabel: string;
  onSelect?: (datum: ChartDatum) => void;
}

/** Horizontal bars, largest first (cost per model, top spenders). */
export const RankingBars = ({ data, color = 'primary600', emptyLabel, onSelect }: RankingBarsProps) => {
  const fill = useColor(color, '#4945ff');
  const track = useColor('neutral100', '#f6f6f9');
  const max = Math.max(0, ...data.map((d) => d.value));

  if (data.length === 0) {
    return (
      <Flex height="12rem" justifyContent="center" alignItems="center">
        <Typography textColor="neutral500">{emptyLabel}</Typography>
      </Flex>
    );
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {data.map((datum) => {
        const title = [datum.exact, datum.detail].filter(Boolean).join(' · ') || undefined;
        const content = (
          <>
            <Flex justifyContent="space-between" gap={2} paddingBottom={1}>
              <Typography variant="omega" textColor="neutral800" ellipsis>
                {datum.label}
              </Typography>
              <Typography variant="omega" fontWeight="semiBold" style={{ whiteSpace: 'nowrap' }}>
                {datum.display}
              </Typography>
            </Flex>
            <svg width="100%" height={8} role="presentation">
              <rect x={0} y={0} width="100%" height={8} rx={4} fill={track} />
              <rect
                x={0}
                y={0}
                width={`${max > 0 ? Math.max(0.5, (datum.value / max) * 100) : 0}%`}
                height={8}
                rx={4}
                fill={fill}
              />
            </svg>
          </>
        );
        // A bar that filters the page is a real button: focusable, and pressed with Enter or Space.
        return onSelect ? (
          <RankingButton key={datum.key} type="button" title={title} onClick={() => onSelect(datum)}>
            {content}
          </RankingButton>
        ) : (
          <Box key={datum.key} title={title}>
            {content}
          </Box>
        );
      })}
    </Flex>
  );
};

const RankingButton = styled.button`
  all: unset;
  box-sizing: border-box;
  display: block;
  width: 100%;
  cursor: pointer;
  border-radius: ${({ theme }) => theme.borderRadius};

  &:hover {
    background: ${({ theme }) => theme.colors.neutral100};
  }

  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 2px;
  }
`;
