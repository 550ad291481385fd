import { uuidv7 } from 'uuidv7';

export type IdPrefix =
  | 'emp'
  | 'vac'
  | 'skr'
  | 'evt'
  | 'key'
  | 'aud'
  | 'fai'
  | 'liv'
  | 'vwr'
  | 'int'
  | 'msg'
  | 'brd'
  | 'plc'
  | 'fup'
  | 'imp'
  | 'inv'
  | 'stf'
  | 'ocr'
  | 'fcd';

/** A prefixed UUIDv7 (`vac_0192…`): readable in logs, ordered by creation time. */
export const newId = (prefix: IdPrefix): string => `${prefix}_${uuidv7().replaceAll('-', '')}`;
