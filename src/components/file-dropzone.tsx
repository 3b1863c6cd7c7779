import { useState, type ReactNode } from 'react';

/**
 * An area to drop one file on. Dropping is a mouse convenience: the children must include a file
 * button, which is the way by keyboard.
 */
export function FileDropzone({
  label,
  onFile,
  children,
}: {
  label: string;
  onFile: (file: File | undefined) => void;
  children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- see above: the file button is the keyboard path
    <section
      className={`dropzone${dragging ? ' dragging' : ''}`}
      aria-label={label}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        onFile(event.dataTransfer.files[0]);
      }}
    >
      {children}
    </section>
  );
}
