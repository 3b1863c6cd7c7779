import { useDeferredValue, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { BookableDesk, CreateBookingResponse } from '../../../../contract/bookings.ts';
import type { Person } from '../../../../contract/occupancy.ts';
import { formatDay, formatTimeIn } from '../../../i18n/format.ts';
import { useNow } from '../../../lib/use-now.ts';
import { useT, type Translate } from '../../../i18n/use-t.ts';
import { useAvailability, useCreateBooking } from '../api/bookings.ts';
import { bookableDays, officeDay, slotOf, type DayPart } from '../booking-times.ts';
import { BookingMap } from './booking-map.tsx';
import { PersonChooser } from './person-chooser.tsx';
import { Choice } from '../../../components/form-parts.tsx';

interface Choice {
  day: string;
  part: DayPart;
  from: string;
  to: string;
  repeat: boolean;
  until: string;
}

const STATUS_LABELS = {
  mine: 'bookings.statusMine',
  booked: 'bookings.statusBooked',
  reserved: 'bookings.statusReserved',
  walk_in: 'bookings.statusWalkIn',
} as const;

interface BookDeskProps {
  timeZone: string;
  horizonDays: number;
  /** Helpdesk and administrators: may book for someone else (chosen here; nobody chosen: themselves). */
  forOthers?: boolean;
}

const PARTS: {
  part: DayPart;
  label: 'bookings.partDay' | 'bookings.partMorning' | 'bookings.partAfternoon' | 'bookings.partCustom';
}[] = [
  { part: 'day', label: 'bookings.partDay' },
  { part: 'morning', label: 'bookings.partMorning' },
  { part: 'afternoon', label: 'bookings.partAfternoon' },
  { part: 'custom', label: 'bookings.partCustom' },
];

function outcome(t: Translate, answer: CreateBookingResponse, timeZone: string): string {
  const [first] = answer.bookings;
  if (!first) return '';
  const booked = t('bookings.booked', {
    desk: first.deskName,
    day: formatDay(officeDay(Date.parse(first.start), timeZone)),
    from: formatTimeIn(first.start, timeZone),
    to: formatTimeIn(first.end, timeZone),
    count: answer.bookings.length,
  });
  const confirm = t('bookings.confirmBetween', {
    from: formatTimeIn(first.confirmFrom, timeZone),
    to: formatTimeIn(first.confirmUntil, timeZone),
  });
  return `${booked} ${confirm}`;
}

/**
 * Booking in three taps: the day, the part of the day, a free desk. The desks listed are those free, booked or
 * one's own for exactly that time; "Book" books at once (cancelling is one tap away in the list of one's bookings).
 */
export function BookDesk({ timeZone, horizonDays, forOthers = false }: BookDeskProps) {
  const t = useT();
  const [forPerson, setForPerson] = useState<Person | null>(null);
  const today = officeDay(useNow(), timeZone);
  const days = bookableDays(today, horizonDays);
  const { register, control } = useForm<Choice>({
    defaultValues: { day: today, part: 'day', from: '09:00', to: '13:00', repeat: false, until: days.at(-1) ?? today },
  });
  const choice = useWatch({ control }) as Choice;
  const slot = slotOf(choice, timeZone);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query).trim();
  const [floor, setFloor] = useState('');
  const availability = useAvailability(slot ? { floorId: '', q: deferredQuery, from: slot.start, to: slot.end } : null);
  const book = useCreateBooking();
  const [done, setDone] = useState<{ message: string; conflicts: string[] } | null>(null);
  const floors = useMemo(
    () => [...new Set((availability.data?.desks ?? []).map((desk) => desk.floorName ?? ''))].sort(),
    [availability.data],
  );
  const desks = (availability.data?.desks ?? []).filter((desk) => floor === '' || (desk.floorName ?? '') === floor);
  // A floor chosen (or the only one): its plan shows the same desks (booking from the plan or the list).
  const shownFloor = floor !== '' ? floor : floors.length === 1 ? (floors[0] ?? '') : '';
  const floorId =
    shownFloor === ''
      ? null
      : (desks.find((desk) => (desk.floorName ?? '') === shownFloor && desk.floorId !== null)?.floorId ?? null);

  const bookDesk = (desk: BookableDesk) => {
    if (!slot) return;
    setDone(null);
    book.mutate(
      {
        deskId: desk.id,
        start: slot.start,
        end: slot.end,
        ...(forPerson ? { user: forPerson.name } : {}),
        ...(choice.repeat ? { repeatWeeklyUntil: choice.until } : {}),
      },
      {
        onSuccess: (answer) =>
          setDone({
            message: outcome(t, answer, timeZone),
            conflicts: answer.conflicts.map(
              (conflict) => `${formatDay(officeDay(Date.parse(conflict.start), timeZone))}: ${conflict.message}`,
            ),
          }),
      },
    );
  };

  return (
    <section className="card book-desk" aria-labelledby="book-desk-title">
      <h2 id="book-desk-title">
        {forPerson ? t('bookings.titleFor', { name: forPerson.displayName }) : t('bookings.title')}
      </h2>
      {forOthers && <PersonChooser chosen={forPerson} onChoose={setForPerson} />}
      <fieldset className="book-step">
        <legend>{t('bookings.day')}</legend>
        <div className="chip-row chip-row-days">
          {days.map((day) => (
            <label key={day} className="chip">
              <input type="radio" value={day} {...register('day')} />
              <span>{day === today ? t('bookings.today') : formatDay(day)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="book-step">
        <legend>{t('bookings.time')}</legend>
        <div className="chip-row">
          {PARTS.map(({ part, label }) => (
            <label key={part} className="chip">
              <input type="radio" value={part} {...register('part')} />
              <span>{t(label)}</span>
            </label>
          ))}
        </div>
        {choice.part === 'custom' && (
          <div className="field-row">
            <div className="field">
              <label htmlFor="book-from">{t('bookings.from')}</label>
              <input id="book-from" className="time-input" inputMode="numeric" maxLength={5} {...register('from')} />
            </div>
            <div className="field">
              <label htmlFor="book-to">{t('bookings.to')}</label>
              <input id="book-to" className="time-input" inputMode="numeric" maxLength={5} {...register('to')} />
            </div>
          </div>
        )}
        {!slot && (
          <p className="field-error" role="alert">
            {t('bookings.timeInvalid')}
          </p>
        )}
        <Choice {...register('repeat')} label={t('bookings.repeat')} />
        {choice.repeat && (
          <div className="field field-narrow">
            <label htmlFor="book-until">{t('bookings.until')}</label>
            <input id="book-until" type="date" min={choice.day} {...register('until')} />
          </div>
        )}
      </fieldset>
      <fieldset className="book-step">
        <legend>{t('bookings.desk')}</legend>
        <div className="field-row">
          <div className="field">
            <label htmlFor="book-search">{t('bookings.search')}</label>
            <input
              id="book-search"
              type="search"
              autoComplete="off"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          {floors.length > 1 && (
            <div className="field">
              <label htmlFor="book-floor">{t('bookings.floor')}</label>
              <select id="book-floor" value={floor} onChange={(event) => setFloor(event.target.value)}>
                <option value="">{t('bookings.allFloors')}</option>
                {floors.map((name) => (
                  <option key={name} value={name}>
                    {name === '' ? t('bookings.noFloor') : name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <div aria-live="polite">
          {done && (
            <div className="alert alert-success" role="status">
              <p>{done.message}</p>
              {done.conflicts.length > 0 && (
                <>
                  <p>{t('bookings.conflicts')}</p>
                  <ul>
                    {done.conflicts.map((conflict) => (
                      <li key={conflict}>{conflict}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </div>
        {book.isError && (
          <p className="alert alert-error" role="alert">
            {book.error.message}
          </p>
        )}
        {availability.isPending && slot ? (
          <p className="muted">{t('bookings.loadingDesks')}</p>
        ) : availability.isError ? (
          <p className="field-error" role="alert">
            {availability.error.message}
          </p>
        ) : desks.length === 0 ? (
          <p className="muted">{t('bookings.noDesks')}</p>
        ) : (
          <>
            {floorId !== null && (
              <BookingMap
                floorId={floorId}
                floorName={shownFloor}
                desks={desks}
                busy={book.isPending}
                onBook={bookDesk}
              />
            )}
            <ul className="bookable-list" aria-busy={availability.isFetching}>
              {desks.map((desk) => (
                <li key={desk.id}>
                  <span className="bookable-name">
                    <strong>{desk.name}</strong>
                    {desk.floorName && <span className="muted"> · {desk.floorName}</span>}
                    {desk.neighbourhood && (
                      <span className="muted">
                        {' · '}
                        {desk.neighbourhood.member
                          ? t('bookings.yourNeighbourhood', { name: desk.neighbourhood.name })
                          : t('bookings.neighbourhood', { name: desk.neighbourhood.name })}
                      </span>
                    )}
                  </span>
                  {desk.status === 'free' ? (
                    <button
                      type="button"
                      className="button button-small button-primary"
                      disabled={book.isPending}
                      aria-label={t('bookings.bookDesk', { desk: desk.name })}
                      onClick={() => bookDesk(desk)}
                    >
                      {t('bookings.book')}
                    </button>
                  ) : (
                    <span
                      className={desk.status === 'mine' ? 'badge badge-ok' : 'badge badge-refused'}
                      title={
                        desk.status === 'reserved' && desk.neighbourhood?.othersFrom
                          ? t('bookings.reservedUntil', { time: desk.neighbourhood.othersFrom })
                          : undefined
                      }
                    >
                      {t(STATUS_LABELS[desk.status])}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {availability.data?.truncated && <p className="muted">{t('bookings.truncated')}</p>}
      </fieldset>
    </section>
  );
}
