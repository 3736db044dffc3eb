import { useTranslation } from 'react-i18next';
import { Modal } from './Modal.js';

/** The keyboard shortcuts, opened with `?`. */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  // Closed, it draws nothing: its thirty labels were translated on every render of the app.
  if (!open) return null;
  const groups: [string, [string, string][]][] = [
    [
      t('help.text'),
      [
        ['← → ↑ ↓', t('help.keys.move')],
        ['Shift + ← → ↑ ↓', t('help.keys.select')],
        ['C / Enter', t('help.keys.code')],
        ['', t('help.keys.create')],
        ['R', t('help.keys.repeat')],
        ['] / [', t('help.keys.next')],
        ['Delete', t('help.keys.remove')],
        ['M', t('help.keys.memo')],
        ['Esc', t('help.keys.escape')],
      ],
    ],
    [
      t('help.codebook'),
      [
        ['↑ ↓ ← →', t('help.keys.treeMove')],
        ['Alt + ↑ ↓ ← →', t('help.keys.treeReorder')],
        ['F2', t('help.keys.treeRename')],
        ['Enter', t('help.keys.treeRetrieve')],
        ['Delete', t('help.keys.treeDelete')],
      ],
    ],
    [
      t('media.keys.heading'),
      [
        ['F4 / Ctrl + Space', t('media.keys.toggle')],
        ['Ctrl + ,', t('media.keys.back')],
        ['Ctrl + .', t('media.keys.forward')],
        ['Ctrl + Shift + ,', t('media.keys.slower')],
        ['Ctrl + Shift + .', t('media.keys.faster')],
        ['Ctrl + J', t('media.keys.timestamp')],
        ['Ctrl + Enter', t('media.keys.newTurn')],
      ],
    ],
    [
      t('help.global'),
      [
        ['Ctrl + Z', t('help.keys.undo')],
        ['Ctrl + Shift + Z', t('help.keys.redo')],
        ['?', t('help.keys.help')],
      ],
    ],
  ];
  return (
    <Modal open={open} title={t('help.heading')} onClose={onClose}>
      {groups.map(([heading, keys]) => (
        <section key={heading}>
          <h3>{heading}</h3>
          <dl className="keys">
            {keys.map(([key, what]) => (
              <div key={what}>
                <dt>{key ? <kbd>{key}</kbd> : null}</dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="dialog-actions">
        {/* biome-ignore lint/a11y/noAutofocus: a dialog focuses its close button when it opens */}
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('help.close')}
        </button>
      </div>
    </Modal>
  );
}
