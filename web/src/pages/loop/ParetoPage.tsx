import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { getPareto } from '../../api/loop.ts';
import { type ChartOption, EChart } from '../../components/EChart.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { LoopFilters, type LoopFilterValue, loopQuery } from './LoopFilters.tsx';
import { LoopTabs } from './LoopTabs.tsx';
import { type ParetoSeries, paretoSeries, vitalFew } from './pareto.ts';

const BAR = '#2446c7';
const LINE = '#b42318';

function paretoOption(s: ParetoSeries): ChartOption {
  return {
    grid: { left: 40, right: 48, top: 30, bottom: 70 },
    tooltip: { trigger: 'axis' },
    legend: { data: ['Cases', 'Cumulative %'], top: 0 },
    xAxis: {
      type: 'category',
      data: s.labels,
      axisLabel: { color: '#4a5365', rotate: 30, interval: 0, fontSize: 11 },
    },
    yAxis: [
      { type: 'value', name: 'Cases', minInterval: 1, axisLabel: { color: '#4a5365' } },
      {
        type: 'value',
        name: '%',
        min: 0,
        max: 100,
        axisLabel: { color: '#4a5365', formatter: '{value} %' },
      },
    ],
    series: [
      { type: 'bar', name: 'Cases', data: s.counts, itemStyle: { color: BAR } },
      {
        type: 'line',
        name: 'Cumulative %',
        yAxisIndex: 1,
        data: s.cumulativePercent,
        lineStyle: { color: LINE, width: 2 },
        itemStyle: { color: LINE },
        markLine: {
          silent: true,
          symbol: 'none',
          data: [{ yAxis: 80 }],
          lineStyle: { type: 'dashed', color: '#4a5365' },
          label: { show: false }, // the right axis already reads 80 %
        },
      },
    ],
  };
}

/** Root causes of resolved cases, most frequent first, with their running share (the outer loop). */
export function ParetoPage() {
  const [filters, setFilters] = useState<LoopFilterValue>({ unitId: '', from: '', to: '' });
  const query = loopQuery(filters);
  const pareto = useQuery({
    queryKey: ['root-causes', 'pareto', query],
    queryFn: () => getPareto(query),
  });
  const series = useMemo(() => paretoSeries(pareto.data?.items ?? []), [pareto.data]);
  const option = useMemo(() => paretoOption(series), [series]);
  const few = vitalFew(series.cumulativePercent);
  return (
    <Page
      title="Root causes"
      intro="Why cases happened, from the root causes set when they were resolved. Fix the few causes that make most cases."
    >
      <LoopTabs />
      <LoopFilters value={filters} onChange={setFilters} label="Filter root causes" />
      <ErrorMessage error={pareto.error} title="Could not load the root causes" />
      {pareto.data && pareto.data.total === 0 && (
        <p className="muted">No resolved cases with a root cause in this range.</p>
      )}
      {pareto.data && pareto.data.total > 0 && (
        <section className="card" aria-labelledby="pareto-title">
          <h2 id="pareto-title">
            {pareto.data.total} cases · {few} of {series.labels.length} causes make 80 %
          </h2>
          <EChart
            option={option}
            height={340}
            testId="pareto-chart"
            label={`Pareto chart of ${series.labels.length} root causes over ${pareto.data.total} cases; the most frequent is ${series.labels[0]}. The numbers are in the table below.`}
          />
          <div className="table-wrap">
            <table className="table" data-testid="pareto-table">
              <caption className="visually-hidden">Root causes by count</caption>
              <thead>
                <tr>
                  <th scope="col">Root cause</th>
                  <th scope="col" className="num">
                    Cases
                  </th>
                  <th scope="col" className="num">
                    Cumulative
                  </th>
                </tr>
              </thead>
              <tbody>
                {series.labels.map((label, i) => (
                  <tr key={label}>
                    <th scope="row" className="row-head">
                      {label}
                    </th>
                    <td className="num">{series.counts[i]}</td>
                    <td className="num">{series.cumulativePercent[i]} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </Page>
  );
}
