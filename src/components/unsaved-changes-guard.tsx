import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { useT } from '../i18n/use-t.ts';
import { ConfirmDialog } from './dialog.tsx';

/**
 * While there are unsaved changes: leaving the page in the console asks first (`message` says what would be
 * lost), closing the tab warns.
 */
export function UnsavedChangesGuard({ dirty, message }: { dirty: boolean; message: string }) {
  const t = useT();
  const blocker = useBlocker(dirty);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title={t('unsaved.title')}
      confirmLabel={t('unsaved.leave')}
      danger
      onCancel={() => blocker.reset?.()}
      onConfirm={() => blocker.proceed?.()}
    >
      <p>{message}</p>
    </ConfirmDialog>
  );
}
