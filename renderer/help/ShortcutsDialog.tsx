import { Fragment } from 'react';
import { shortcutKeys } from '../editor/shortcut-label';
import { Dialog } from '../ui/Dialog';
import { SHORTCUT_GROUPS, SHORTCUTS, type Shortcut } from './shortcuts';

function Keys({ keys }: { keys: string }) {
  const parts = shortcutKeys(keys);
  return (
    <span className="shortcut-keys">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <span aria-hidden="true">+</span>}
          <kbd>{part}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

/** The help screen: every shortcut from renderer/help/shortcuts.ts, grouped. */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const all: Shortcut[] = Object.values(SHORTCUTS);
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} className="shortcuts-dialog" dismissOnBackdrop>
      <div className="shortcuts-groups">
        {SHORTCUT_GROUPS.map((group) => (
          <section key={group} className="shortcuts-group" aria-labelledby={`shortcuts-${group}`}>
            <h3 id={`shortcuts-${group}`} className="shortcuts-heading">
              {group}
            </h3>
            <table className="shortcuts-table">
              <tbody>
                {all
                  .filter((shortcut) => shortcut.group === group)
                  .map((shortcut) => (
                    <tr key={shortcut.label}>
                      <th scope="row">{shortcut.label}</th>
                      <td>
                        <Keys keys={shortcut.keys} />
                        {shortcut.through && (
                          <>
                            <span className="shortcut-or"> to </span>
                            <Keys keys={shortcut.through} />
                          </>
                        )}
                        {shortcut.alternative && (
                          <>
                            <span className="shortcut-or"> or </span>
                            <Keys keys={shortcut.alternative} />
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
