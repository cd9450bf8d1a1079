import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the pieces the app draws: keeps the chart chunk small (tree-shaken ECharts).
use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent]);
use(SVGRenderer);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | MarkLineComponentOption
>;

interface Props {
  option: ChartOption;
  /** A one-sentence summary for screen readers; the page also offers the data as a table. */
  label: string;
  height?: number;
  testId?: string;
}

const reducedMotion = () =>
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/**
 * An Apache ECharts chart (SVG renderer) that follows its container's width. The drawing is one
 * image to assistive technology (`role="img"` with a summary); numbers live in tables beside it.
 */
export function EChart({ option, label, height = 280, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: !reducedMotion(), ...option }, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={ref}
      className="echart"
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ height }}
    />
  );
}
