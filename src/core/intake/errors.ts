/**
 * The one error class of data intake. Every message is written for the person who dropped the
 * file (a designer, a buyer), not for a programmer; `code` lets the UI and tests tell them apart.
 */

import { englishText, type CoreMessage } from '../messages.ts';

/** Why a file could not be read at all. */
export type IntakeErrorCode =
  | 'empty-file'
  | 'header-only'
  | 'image-file'
  | 'zip-file'
  | 'excel-file'
  | 'pdf-file'
  | 'gzip-file'
  | 'binary-file'
  | 'no-text-column'
  | 'unreadable-arrow'
  | 'unreadable-parquet'
  | 'too-many-columns';

/** A file that cannot become a table, with a plain-language reason and a machine-readable code. */
export class IntakeError extends Error {
  override name = 'IntakeError';
  /** Machine-readable reason. */
  readonly code: IntakeErrorCode;
  /** The reason as a message code and parameters (the message is its English text). */
  readonly detail: CoreMessage;
  constructor(code: IntakeErrorCode, detail: CoreMessage) {
    super(englishText(detail));
    this.code = code;
    this.detail = detail;
  }
}
