import type { BulkOutcome } from '../api/desks.ts';

/** What a change to many desks could not do: a summary, then each refused desk with the service's reason. */
export function BulkFailures({ summary, failed }: { summary: string; failed: BulkOutcome['failed'] }) {
  return (
    <div className="alert alert-error" role="alert">
      <p>
        <strong>{summary}</strong>
      </p>
      <ul className="bulk-failures">
        {failed.map(({ desk, error }) => (
          <li key={desk.id}>
            <strong>{desk.name}</strong>: {error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
