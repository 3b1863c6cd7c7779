interface SearchFieldProps {
  id: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** Inline in a toolbar (label beside), or stacked; `hideLabel` keeps it for screen readers only. */
  layout?: 'inline' | 'stacked';
  hideLabel?: boolean;
}

/** The search box of the tables and lists: a labelled `type="search"` input. */
export function SearchField({
  id,
  label,
  placeholder,
  value,
  onChange,
  layout = 'inline',
  hideLabel = false,
}: SearchFieldProps) {
  return (
    <div className={layout === 'inline' ? 'field field-inline' : 'field'}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={id}
        type="search"
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
