import { useMemo } from 'react';
import { type ChartOption, EChart } from '../../components/EChart.tsx';
import { indexLabel } from './labels.ts';
import { indexRange, type Series } from './trend-series.ts';

const PRIMARY = '#2446c7';

/** A small line chart of one index over time; gaps where a period was not released. */
export function Sparkline({ code, series }: { code: string; series: Series }) {
  const option = useMemo<ChartOption>(() => {
    const range = indexRange(code);
    return {
      grid: { left: 34, right: 10, top: 10, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: series.labels,
        axisLabel: { color: '#4a5365', fontSize: 10, hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        min: range.min,
        max: range.max,
        splitNumber: 2,
        axisLabel: { color: '#4a5365', fontSize: 10 },
      },
      series: [
        {
          type: 'line',
          name: indexLabel(code),
          data: series.values,
          connectNulls: false,
          symbolSize: 5,
          lineStyle: { color: PRIMARY, width: 2 },
          itemStyle: { color: PRIMARY },
        },
      ],
    };
  }, [code, series]);
  const shown = series.values.filter((v) => v !== null).length;
  return (
    <EChart
      option={option}
      height={130}
      label={`${indexLabel(code)} over ${series.labels.length} periods (${shown} with results); the values are in the trend table below.`}
      testId={`trend-chart-${code}`}
    />
  );
}

export interface Bar {
  label: string;
  value: number | null;
}

/** Horizontal bars of item means (0–100), longest label first to the left. */
export function ItemBars({ bars, label }: { bars: readonly Bar[]; label: string }) {
  const option = useMemo<ChartOption>(() => {
    const ordered = [...bars].reverse(); // ECharts draws the first category at the bottom
    return {
      grid: { left: 8, right: 30, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: '#4a5365' } },
      yAxis: {
        type: 'category',
        data: ordered.map((b) => b.label),
        axisLabel: { color: '#1b2230', width: 260, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          data: ordered.map((b) => (b.value === null ? null : Math.round(b.value))),
          itemStyle: { color: PRIMARY, borderRadius: [0, 4, 4, 0] },
          label: { show: true, position: 'right', color: '#1b2230' },
        },
      ],
    };
  }, [bars]);
  return (
    <EChart
      option={option}
      height={Math.max(160, bars.length * 30)}
      label={label}
      testId="item-bars"
    />
  );
}
