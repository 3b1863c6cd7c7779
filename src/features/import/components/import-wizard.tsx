import { useReducer, useRef } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { useImportDesks } from '../api/import.ts';
import { checkFile } from '../csv-check.ts';
import { importReducer, initialImportState, needsChoice } from '../import-machine.ts';
import { FileReview } from './file-review.tsx';
import { ApplyingStep, ChooseFileStep, DoneStep, FileProblemsStep, ReadingStep } from './import-steps.tsx';
import { useT } from '../../../i18n/use-t.ts';
import { formatMegabytes } from '../../../i18n/format.ts';

const MAX_BYTES = 50 * 1024 * 1024;

const delimiterName = { ',': 'wizard.comma', ';': 'wizard.semicolon', '\t': 'wizard.tab' } as const;
const encodingName = {
  'utf-8': 'wizard.utf8',
  'utf-8-bom': 'wizard.utf8Excel',
  'utf-16le': 'wizard.utf16',
  'utf-16be': 'wizard.utf16be',
} as const;

/**
 * The import wizard: read and check the file in a worker, a dry run against the desk table, then apply.
 * The steps and their rules are import-machine.ts; this component runs the effects and shows the step.
 */
export function ImportWizard() {
  const t = useT();
  const [state, dispatch] = useReducer(importReducer, initialImportState);
  const { step, choices } = state;
  const cancelRef = useRef<() => void>(() => undefined);
  const importDesks = useImportDesks();

  const start = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      dispatch({
        type: 'reset',
        message: t('wizard.tooBig', { size: formatMegabytes(file.size) }),
      });
      return;
    }
    dispatch({ type: 'reading', file });
    const running = checkFile(await file.arrayBuffer(), (progress) => dispatch({ type: 'progress', progress }));
    cancelRef.current = running.cancel;
    try {
      dispatch({ type: 'read', checked: await running.result });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      dispatch({ type: 'reset', message: error instanceof Error ? error.message : t('wizard.unreadable') });
    }
  };

  const dryRun = (file: File) => {
    const controller = new AbortController();
    cancelRef.current = () => controller.abort();
    dispatch({ type: 'validating' });
    importDesks.mutate(
      { file, ...choices, dryRun: true, confirmRemoveAll: false, occupied: null, signal: controller.signal },
      {
        onSuccess: (result) => dispatch({ type: 'reviewed', dryRun: result }),
        onError: (error) => {
          if (error.name !== 'AbortError') dispatch({ type: 'failed', message: error.message });
        },
      },
    );
  };

  const apply = (file: File) => {
    dispatch({ type: 'applying' });
    importDesks.mutate(
      { file, ...choices, dryRun: false },
      {
        onSuccess: (result) => dispatch({ type: 'done', result }),
        onError: (error) =>
          dispatch({
            type: 'failed',
            message: error instanceof ApiError ? error.message : t('wizard.failed'),
          }),
      },
    );
  };

  const cancel = () => {
    cancelRef.current();
    dispatch({ type: 'reset', message: t('wizard.cancelled') });
  };
  const another = () => dispatch({ type: 'reset' });

  switch (step.kind) {
    case 'idle':
      return <ChooseFileStep message={step.message} onFile={(file) => void start(file)} />;
    case 'parsing':
      return <ReadingStep file={step.file} progress={step.progress} onCancel={cancel} />;
    case 'applying':
      return <ApplyingStep dryRun={step.dryRun} />;
    case 'done':
      return <DoneStep result={step.result} onAnother={another} />;
  }
  const { file, checked } = step;
  const facts = t('wizard.facts', {
    file: file.name,
    rows: checked.rowCount,
    encoding: t(encodingName[checked.encoding]),
    delimiter: t(delimiterName[checked.delimiter]),
  });
  if (checked.errorCount > 0) return <FileProblemsStep facts={facts} checked={checked} onAnother={another} />;
  return (
    <FileReview
      step={step}
      facts={facts}
      choices={choices}
      needsChoice={needsChoice(state)}
      onChoose={(chosen) => dispatch({ type: 'choose', choices: chosen })}
      onCheck={() => dryRun(file)}
      onApply={() => apply(file)}
      onBack={() => dispatch({ type: 'back' })}
      onCancel={cancel}
    />
  );
}
