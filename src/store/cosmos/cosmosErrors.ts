import { ErrorResponse } from '@azure/cosmos';

export const NOT_FOUND = 404;
export const CONFLICT = 409;
export const PRECONDITION_FAILED = 412;

export function isStatus(err: unknown, code: number): boolean {
  return err instanceof ErrorResponse && err.code === code;
}
