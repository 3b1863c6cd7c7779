import { useState } from 'react';
import type { DeskOccupancy } from '../../../../contract/occupancy.ts';
import { ConfirmDialog } from '../../../components/dialog.tsx';
import { useT } from '../../../i18n/use-t.ts';

export interface LogoutRequest {
  deskIds: string[];
  /** The second confirmation: people on a call are logged out at once (the call ends). */
  now: boolean;
}

/**
 * Asks before helpdesk logs people out, with an optional reason: it is in the audit log and in the e-mail that
 * tells each person who logged them out.
 */
export function LogoutDialog({
  request,
  rows,
  onCancel,
  onConfirm,
}: {
  request: LogoutRequest | null;
  rows: ReadonlyMap<string, DeskOccupancy>;
  onCancel: () => void;
  onConfirm: (request: LogoutRequest, note: string) => void;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const people = request?.deskIds.length ?? 0;
  const onCall = (request?.deskIds ?? []).filter((id) => rows.get(id)?.onCall).length;
  const single = request?.deskIds.length === 1 ? rows.get(request.deskIds[0] ?? '') : undefined;
  const close = () => {
    setNote('');
    onCancel();
  };
  return (
    <ConfirmDialog
      open={request !== null}
      title={
        request?.now && single?.occupant
          ? t('board.confirmNowTitle', { name: single.occupant.displayName, desk: single.deskName })
          : single?.occupant
            ? t('board.confirmOneTitle', { name: single.occupant.displayName, desk: single.deskName })
            : t('board.confirmManyTitle', { count: people })
      }
      confirmLabel={
        request?.now
          ? t('board.confirmNow')
          : people === 1
            ? t('board.logout')
            : t('board.confirmMany', { count: people })
      }
      danger
      onCancel={close}
      onConfirm={() => {
        if (!request) return;
        onConfirm(request, note.trim());
        setNote('');
      }}
    >
      {request?.now ? (
        <p>{t('board.confirmNowBody')}</p>
      ) : (
        <>
          <p>{t('board.confirmBody')}</p>
          {onCall > 0 && <p>{t('board.confirmOnCall', { count: onCall })}</p>}
        </>
      )}
      <div className="field">
        <label htmlFor="logout-note">{t('board.logoutNote')}</label>
        <input
          id="logout-note"
          maxLength={300}
          autoComplete="off"
          aria-describedby="logout-note-hint"
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <p id="logout-note-hint" className="field-hint">
          {t('board.logoutNoteHint')}
        </p>
      </div>
    </ConfirmDialog>
  );
}
