import { describe, expect, it } from 'vitest';
import { valueAxis } from '@/app/_components/ui/chart-scale';

const labels = (max: number, unit: 'bytes' | 'count' | 'ratio') => valueAxis(max, unit).ticks.map((t) => t.label);

describe('chart value axis', () => {
  it.each([
    [60 * 1024 ** 3, 'bytes', ['0 GiB', '20 GiB', '40 GiB', '60 GiB', '80 GiB']],
    [39 * 1024 ** 2, 'bytes', ['0 MiB', '10 MiB', '20 MiB', '30 MiB', '40 MiB']],
    [0, 'bytes', ['0 B', '1 B', '2 B', '3 B', '4 B']],
    [3, 'count', ['0', '1', '2', '3', '4']],
    [1234, 'count', ['0', '500', '1,000', '1,500', '2,000']],
    [1.37, 'ratio', ['0', '0.5', '1', '1.5', '2']],
    [0, 'ratio', ['0', '0.25', '0.5', '0.75', '1']],
  ] as const)('labels a maximum of %s %s as round steps from 0', (max, unit, expected) => {
    expect(labels(max, unit)).toEqual(expected);
    expect(valueAxis(max, unit).top).toBeGreaterThanOrEqual(max);
  });
});
