import { useLingui } from '@lingui/react';
import { useCallback } from 'react';
import type { MessageId, MessageValues } from './i18n.ts';

export type Translate = (id: MessageId, values?: MessageValues) => string;

/** The active language's messages; the component renders again when the language changes. */
export function useT(): Translate {
  const { i18n } = useLingui();
  const locale = i18n.locale;
  // `locale` is what changes when the language does: a new function makes memoised children render again.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useCallback((id, values) => i18n._(id, values), [i18n, locale]);
}
