import type { RatioTableRow } from './ratio-table';

export const MAX_TABLE_RATIO = 10;

/** Why an admin-edited table was refused; `row` is 1-based, as shown to the admin. */
export type RatioTableError =
  | { code: 'empty'; message: string }
  | { code: 'first-row-not-at-zero'; row: number; message: string }
  | { code: 'first-row-requires-ratio'; row: number; message: string }
  | { code: 'not-whole-gib'; row: number; message: string }
  | { code: 'empty-range'; row: number; message: string }
  | { code: 'not-contiguous'; row: number; message: string }
  | { code: 'open-ended-not-last'; row: number; message: string }
  | { code: 'last-not-open-ended'; row: number; message: string }
  | { code: 'ratio-out-of-range'; row: number; message: string }
  | { code: 'min-above-max'; row: number; message: string };

export type RatioTableValidation =
  | { ok: true; value: readonly RatioTableRow[] }
  | { ok: false; error: readonly RatioTableError[] };

/**
 * Checks a ratio table before it is saved, returning every problem at once so the admin form can show them
 * all: rows sorted and contiguous from 0 GiB in whole GiB, each range non-empty, only the last row
 * open-ended (so every download amount has exactly one row), 0 <= minRatio <= maxRatio <= 10, and a first
 * row requiring nothing (members in it are never put on watch).
 */
export function validateRatioTable(rows: readonly RatioTableRow[]): RatioTableValidation {
  if (rows.length === 0) {
    const message = 'The ratio table has no rows; it needs at least one row starting at 0 GiB with no upper bound';
    return { ok: false, error: [{ code: 'empty', message }] };
  }
  const errors = rows.flatMap((current, index) => rowErrors(current, index, rows));
  return errors.length === 0 ? { ok: true, value: rows } : { ok: false, error: errors };
}

type RowErrorCode = Exclude<RatioTableError['code'], 'empty'>;

function rowErrors(current: RatioTableRow, index: number, rows: readonly RatioTableRow[]): RatioTableError[] {
  const row = index + 1;
  const errors: RatioTableError[] = [];
  const add = (code: RowErrorCode, message: string) => errors.push({ code, row, message });
  const { fromGiB, toGiB, maxRatio, minRatio } = current;
  const previous = rows[index - 1];
  const isLast = index === rows.length - 1;

  if (!isWholeGib(fromGiB)) add('not-whole-gib', `Row ${row} starts at ${fromGiB} GiB; amounts must be whole GiB, 0 or more`);
  if (toGiB !== null && !isWholeGib(toGiB)) add('not-whole-gib', `Row ${row} ends at ${toGiB} GiB; amounts must be whole GiB, 0 or more`);
  if (toGiB !== null && toGiB <= fromGiB) add('empty-range', `Row ${row} ends at ${toGiB} GiB, which is not above its start (${fromGiB} GiB)`);

  if (!previous && fromGiB !== 0) add('first-row-not-at-zero', `Row 1 starts at ${fromGiB} GiB; the first row must start at 0 GiB`);
  if (previous && previous.toGiB !== null && previous.toGiB !== fromGiB) {
    add('not-contiguous', `Row ${row} starts at ${fromGiB} GiB but row ${row - 1} ends at ${previous.toGiB} GiB; ` +
      'rows must be sorted and follow on without gaps');
  }
  if (toGiB === null && !isLast) add('open-ended-not-last', `Row ${row} has no upper bound but is not the last row`);
  if (toGiB !== null && isLast) {
    add('last-not-open-ended', `The last row (row ${row}) ends at ${toGiB} GiB; it must have no upper bound so every amount is covered`);
  }

  const maxOk = inRange(maxRatio);
  const minOk = inRange(minRatio);
  const range = `it must be between 0 and ${MAX_TABLE_RATIO}`;
  if (!maxOk) add('ratio-out-of-range', `Row ${row}: the required ratio at 0% seeding is ${maxRatio}; ${range}`);
  if (!minOk) add('ratio-out-of-range', `Row ${row}: the required ratio at 100% seeding is ${minRatio}; ${range}`);
  if (maxOk && minOk && minRatio > maxRatio) {
    add('min-above-max', `Row ${row}: the required ratio at 100% seeding (${minRatio}) is above the one at 0% seeding (${maxRatio})`);
  }
  if (!previous && maxOk && minOk && (maxRatio !== 0 || minRatio !== 0)) {
    add('first-row-requires-ratio', `Row 1 requires a ratio (${maxRatio} at 0% seeding, ${minRatio} at 100%); ` +
      'the first row must require 0 so new members are never put on watch');
  }
  return errors;
}

function isWholeGib(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function inRange(ratio: number): boolean {
  return Number.isFinite(ratio) && ratio >= 0 && ratio <= MAX_TABLE_RATIO;
}
