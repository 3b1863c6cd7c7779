import { useDeferredValue, useState } from 'react';
import type { Person } from '../../../../contract/occupancy.ts';
import { usePeople } from '../../../lib/people.ts';
import { useT } from '../../../i18n/use-t.ts';

/** Staff choose whom a booking is for: themselves (nobody chosen) or a PBX user found by name or extension. */
export function PersonChooser({
  chosen,
  onChoose,
}: {
  chosen: Person | null;
  onChoose: (person: Person | null) => void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const people = usePeople(useDeferredValue(query));
  const found = people.data ?? [];
  return (
    <fieldset className="book-step">
      <legend>{t('bookings.for')}</legend>
      {chosen ? (
        <p className="button-row">
          <span>
            <strong>{chosen.displayName}</strong> <span className="muted">· {chosen.name}</span>
          </span>
          <button type="button" className="button button-small" onClick={() => onChoose(null)}>
            {t('bookings.forMyself')}
          </button>
        </p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="book-person">{t('bookings.forSomeone')}</label>
            <input
              id="book-person"
              type="search"
              autoComplete="off"
              placeholder={t('someone.placeholder')}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          {query.trim().length >= 2 &&
            (people.isPending ? (
              <p className="muted">{t('someone.searching')}</p>
            ) : people.isError ? (
              <p className="field-error" role="alert">
                {people.error.message}
              </p>
            ) : found.length === 0 ? (
              <p className="muted">{t('someone.nobody', { query: query.trim() })}</p>
            ) : (
              <ul className="person-results">
                {found.map((person) => (
                  <li key={person.name}>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => {
                        onChoose(person);
                        setQuery('');
                      }}
                    >
                      {person.displayName}
                    </button>
                    <span className="muted">
                      {person.extension ? ` ${t('someone.ext', { extension: person.extension })} · ` : ' '}
                      {person.name}
                    </span>
                  </li>
                ))}
              </ul>
            ))}
        </>
      )}
    </fieldset>
  );
}
