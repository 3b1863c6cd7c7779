import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/use-t.ts';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** While work is in progress the dialog cannot be dismissed. */
  dismissible?: boolean;
  size?: 'small' | 'medium';
}

/**
 * A modal on the native <dialog>: focus is moved in and kept there by the browser, Escape closes it
 * (unless not dismissible), and focus returns to where it was.
 */
export function Dialog({ open, title, onClose, children, footer, dismissible = true, size = 'medium' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (dismissible) onClose();
      }}
    >
      {open && (
        <>
          <header className="dialog-header">
            <h2 id={titleId}>{title}</h2>
          </header>
          <div className="dialog-body">{children}</div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </>
      )}
    </dialog>
  );
}

interface ConfirmProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The button that leaves things as they are, where "Cancel" would be ambiguous (e.g. "Keep booking"). */
  cancelLabel?: string;
  busy?: boolean;
  danger?: boolean;
  /** false: the action is not possible (the body says why); only a Close button is shown. */
  canConfirm?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  busy = false,
  danger = false,
  canConfirm = true,
  onConfirm,
  onCancel,
}: ConfirmProps) {
  const t = useT();
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      dismissible={!busy}
      size="small"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {canConfirm ? (cancelLabel ?? t('common.cancel')) : t('common.close')}
          </button>
          {canConfirm && (
            <button
              type="button"
              className={danger ? 'button button-danger' : 'button button-primary'}
              onClick={onConfirm}
              disabled={busy}
            >
              {busy ? t('common.working') : confirmLabel}
            </button>
          )}
        </>
      }
    >
      {children}
    </Dialog>
  );
}
