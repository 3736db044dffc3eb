import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaApi, RECORDING_FILES } from '../../mediaApi.js';
import { useProject } from '../../project.js';
import { navigate } from '../../router.js';
import { useUi } from '../../ui.js';

/**
 * Uploads a recording: attached to `source` (the document view, when it has none), or alone as a
 * new source, opened in transcription mode (the overview).
 */
export function RecordingUpload({ source }: { source?: string }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);

  const send = async (file: File | undefined) => {
    if (!file) return;
    setProgress(0);
    const result = await data.mutate(() =>
      source
        ? mediaApi.attachRecording(data.project, source, file, setProgress).then(() => null)
        : mediaApi.importRecording(data.project, file, setProgress),
    );
    setProgress(null);
    if (input.current) input.current.value = '';
    if (result === undefined) return;
    notify(t('media.uploaded', { file: file.name }));
    // The document view reloads itself on the change; a new source is opened to transcribe.
    if (result) navigate({ view: 'document', project: data.project, source: result.id, segment: null, transcribe: true });
  };

  return (
    <div className="row tight recording-upload">
      <label>
        {source ? t('media.attach') : t('media.importAlone')}
        <input
          ref={input}
          type="file"
          accept={RECORDING_FILES}
          disabled={progress !== null}
          onChange={(e) => void send(e.target.files?.[0])}
        />
      </label>
      {progress !== null && (
        <progress max={1} value={progress} aria-label={t('media.uploading', { percent: Math.round(progress * 100) })} />
      )}
    </div>
  );
}
