import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from '../../../components/dialog.tsx';

/** While there are unsaved changes: leaving the page in the console asks first, closing the tab warns. */
export function UnsavedChangesGuard({ dirty, changeCount }: { dirty: boolean; changeCount: number }) {
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
      title="Leave without saving?"
      confirmLabel="Leave and discard"
      danger
      onCancel={() => blocker.reset?.()}
      onConfirm={() => blocker.proceed?.()}
    >
      <p>
        This floor has {changeCount} unsaved change{changeCount === 1 ? '' : 's'}. If you leave now, they are lost.
      </p>
    </ConfirmDialog>
  );
}
