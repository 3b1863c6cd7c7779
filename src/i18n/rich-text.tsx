import { Trans } from '@lingui/react';
import type { ReactElement } from 'react';
import type { MessageId, MessageValues } from './i18n.ts';

/**
 * A message with markup: `<0>hw_id</0>` in the catalogue becomes `components[0]` around the text, so that a
 * translation can move the marked words where its language wants them.
 */
export function RichText({
  id,
  values,
  components,
}: {
  id: MessageId;
  values?: MessageValues;
  components: Record<string, ReactElement>;
}) {
  return <Trans id={id} {...(values ? { values } : {})} components={components} />;
}
