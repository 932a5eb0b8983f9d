import { error, warning, type Issue } from '../issues/issue.js';

/** Shared record-level issues of all readers, so each code has one wording. */
export function invalidUtf8(row: number, field?: string): Issue {
  const where = field ? `row ${row}, column "${field}"` : `item ${row}`;
  return error('catalog.encoding.invalid_utf8', `${where}: invalid UTF-8 bytes`, {
    row,
    ...(field ? { field } : {}),
    fix: 'Save the catalog as UTF-8 (in a spreadsheet: "CSV UTF-8"), or fix the characters in this row.',
  });
}

/** Bad bytes in the header only garble column names: the columns are still read, under those names. */
export function invalidHeader(): Issue {
  return warning('catalog.encoding.invalid_utf8', 'the header row holds invalid UTF-8 bytes; some column names may not match', {
    row: 1,
    fix: 'Save the catalog as UTF-8 (in a spreadsheet: "CSV UTF-8").',
  });
}

export function forbiddenKey(row: number, key: string): Issue {
  return error('catalog.key.forbidden', `item ${row} has the key "${key}", which is not allowed (it names a built-in of every object); the item is left out`, {
    row,
    field: key,
    fix: 'Rename that key in the catalog.',
  });
}

export function tooDeep(row: number, max: number): Issue {
  return error('catalog.item.too_deep', `item ${row} is nested more than ${max} levels deep and is not read`, {
    row,
    fix: 'Flatten the item structure of the catalog.',
  });
}
