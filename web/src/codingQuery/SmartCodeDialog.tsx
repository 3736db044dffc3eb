import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import type { SmartCodeFields } from '../codingQueryApi.js';
import { Modal } from '../components/Modal.js';

/** A smart code's colour until one is chosen: distinct from the traffic-light template's. */
export const DEFAULT_SMART_COLOR = '#6a4c93';

/**
 * The form of a smart code: its name, colour and description, and when editing its expression.
 * `onSave` resolves to an error message to show in the form (a taken name, a syntax error), or
 * null when saved; the dialog then closes.
 */
export function SmartCodeDialog({
  title,
  initial,
  editExpression,
  onSave,
  onClose,
}: {
  title: string;
  initial: SmartCodeFields;
  editExpression: boolean;
  onSave(fields: SmartCodeFields): Promise<string | null>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<SmartCodeFields>({ color: DEFAULT_SMART_COLOR, description: '', ...initial });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ids = { name: useId(), expression: useId(), color: useId(), description: useId(), error: useId() };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!fields.name.trim()) return;
    setSaving(true);
    const message = await onSave({ ...fields, name: fields.name.trim() });
    setSaving(false);
    if (message === null) onClose();
    else setError(message);
  };
  return (
    <Modal open title={title} onClose={onClose}>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label htmlFor={ids.name}>
          {t('codingQuery.smart.name')}
          <input
            id={ids.name}
            value={fields.name}
            required
            // biome-ignore lint/a11y/noAutofocus: the dialog exists to name the smart code
            autoFocus
            onChange={(e) => setFields({ ...fields, name: e.target.value })}
          />
        </label>
        {editExpression && (
          <label htmlFor={ids.expression}>
            {t('codingQuery.builder.expression')}
            <input
              id={ids.expression}
              className="wide query-text"
              value={fields.expression}
              required
              spellCheck={false}
              onChange={(e) => setFields({ ...fields, expression: e.target.value })}
            />
          </label>
        )}
        <label htmlFor={ids.color}>
          {t('codingQuery.smart.color')}
          <input
            id={ids.color}
            type="color"
            value={fields.color ?? DEFAULT_SMART_COLOR}
            onChange={(e) => setFields({ ...fields, color: e.target.value })}
          />
        </label>
        <label htmlFor={ids.description}>
          {t('codingQuery.smart.description')}
          <textarea
            id={ids.description}
            rows={3}
            value={fields.description ?? ''}
            onChange={(e) => setFields({ ...fields, description: e.target.value })}
          />
        </label>
        {error && (
          <p id={ids.error} className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={saving || !fields.name.trim()}>
            {t('codingQuery.smart.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** Runs a save; an API error becomes the message the form shows, anything else is thrown on. */
export async function formError(save: () => Promise<unknown>): Promise<string | null> {
  try {
    await save();
    return null;
  } catch (e) {
    if (e instanceof ApiError) return e.message;
    throw e;
  }
}
