import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TimeChart } from '@/app/_components/ui/time-chart';
import { addDays } from '@/lib/history/days';

const GIB = 1024 ** 3;

function render(n: number, kind: 'line' | 'bar' = 'line') {
  const days = Array.from({ length: n }, (_, i) => addDays('2026-01-01', i));
  return renderToStaticMarkup(createElement(TimeChart, {
    title: 'Uploaded and downloaded', unit: 'bytes', kind, days,
    series: [
      { name: 'Uploaded', colour: 'emerald', values: days.map((_, i) => (i + 1) * GIB) },
      { name: 'Downloaded', colour: 'red', values: days.map(() => 5 * GIB) },
    ],
  }));
}

const count = (html: string, needle: string) => html.split(needle).length - 1;
const rows = (html: string) => count(html, '<th scope="row"');
const xLabels = (html: string) => [...html.matchAll(/<span>(\d{4}-\d\d-\d\d)<\/span>/g)].map((m) => m[1]);

describe('time chart', () => {
  it('draws one point as a dot per series with its day, values on the axis, and a one-row table', () => {
    const html = render(1);
    expect(count(html, 'data-point=""')).toBe(2);
    expect(count(html, '<polyline')).toBe(0);
    expect(xLabels(html)).toEqual(['2026-01-01']);
    expect(html).toContain('<span>0 GiB</span>');
    expect(html).toContain('<span>8 GiB</span>');
    expect(html).toContain('<title>2026-01-01 · Uploaded: 1.00 GiB</title>');
    expect(html).toContain('aria-label="Uploaded and downloaded. Latest: Uploaded 1.00 GiB, Downloaded 5.00 GiB."');
    expect(rows(html)).toBe(1);
  });

  it('draws two points as a line between two dots per series', () => {
    const html = render(2);
    expect(count(html, '<polyline')).toBe(2);
    expect(html).toContain('points="0.0,175.0 1000.0,150.0"');
    expect(count(html, 'data-point=""')).toBe(4);
    expect(xLabels(html)).toEqual(['2026-01-01', '2026-01-02']);
    expect(rows(html)).toBe(2);
  });

  it('draws 365 points with a tooltip each, the first, middle and last day, and every day in the table', () => {
    const html = render(365);
    expect(count(html, '<polyline')).toBe(2);
    expect(count(html, 'data-point=""')).toBe(730);
    expect(html).toContain('<title>2026-12-31 · Uploaded: 365.00 GiB</title>');
    expect(xLabels(html)).toEqual(['2026-01-01', '2026-07-02', '2026-12-31']);
    expect(html).toContain('<span>400 GiB</span>');
    expect(rows(html)).toBe(365);
  });

  it('draws bars, one per day and series, and says so when there is nothing to draw', () => {
    expect(count(render(3, 'bar'), '<rect')).toBe(6);
    expect(renderToStaticMarkup(createElement(TimeChart, { title: 'Ratio', unit: 'ratio', days: [], series: [], empty: 'No history yet.' })))
      .toContain('No history yet.');
  });

  it('leaves gaps where a series has no value (a ratio before anything was downloaded)', () => {
    const html = renderToStaticMarkup(createElement(TimeChart, {
      title: 'Ratio', unit: 'ratio', days: ['2026-01-01', '2026-01-02', '2026-01-03'],
      series: [{ name: 'Ratio', colour: 'sky', values: [null, 1.5, 2] }],
    }));
    expect(count(html, '<polyline')).toBe(1);
    expect(count(html, 'data-point=""')).toBe(2);
    expect(html).toContain('<td class="pr-3">—</td>');
  });

  it('colours the legend with classes written out in full, so Tailwind emits them', () => {
    const html = render(2);
    expect(html).toContain('bg-emerald-500');
    expect(html).toContain('bg-red-500');
  });
});
