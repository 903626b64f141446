import { useEffect, useState, type FormEvent } from 'react';
import type { Byline, Person } from '../../../shared/model';
import { MAX_TEXT } from '../../../shared/contract';
import { lede } from '../../api/client';
import { Dialog } from '../../ui/Dialog';
import { showToast } from '../../ui/toast-store';
import { sameName } from './byline-edits';

interface PersonBioDialogProps {
  byline: Byline;
  onClose(): void;
  /** The byline was not linked to the directory; now it is. */
  onLinked(personId: string): void;
}

/**
 * A person's short bio. It lives in the people directory, not in the story:
 * every story with this person shows the same bio.
 */
export function PersonBioDialog({ byline, onClose, onLinked }: PersonBioDialogProps) {
  const [person, setPerson] = useState<Person | null>(null);
  const [bio, setBio] = useState('');
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let current = true;
    void lede()
      .invoke('people.search', { query: byline.name, limit: 50 })
      .then((result) => {
        if (!current) return;
        setLoading(false);
        if (!result.ok) {
          setProblem(`The bio could not be loaded: ${result.error.message}`);
          return;
        }
        const found =
          result.value.find((p) => byline.personId && p.id === byline.personId) ?? result.value.find((p) => sameName(p.name, byline.name));
        if (found) {
          setPerson(found);
          setBio(found.bio);
        }
      });
    return () => {
      current = false;
    };
  }, [byline.name, byline.personId]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(null);
    const result = await lede().invoke('people.save', { id: person?.id, name: person?.name ?? byline.name, bio: bio.trim() });
    setSaving(false);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    if (byline.personId !== result.value.id) onLinked(result.value.id);
    showToast({ message: `Bio of ${result.value.name} saved` });
    onClose();
  };

  return (
    <Dialog
      title={`Bio of ${byline.name}`}
      description="The bio belongs to the people directory: it is the same on every story with this person."
      onClose={onClose}
      className="bio-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="person-bio-form" className="button button-primary" disabled={saving || loading}>
            {saving ? 'Saving…' : 'Save bio'}
          </button>
        </>
      }
    >
      <form id="person-bio-form" onSubmit={save} noValidate>
        <div className="field">
          <label className="field-label" htmlFor="person-bio">
            Short bio
          </label>
          <textarea
            id="person-bio"
            className="textarea"
            rows={5}
            dir="auto"
            maxLength={MAX_TEXT}
            value={bio}
            disabled={loading}
            placeholder={loading ? 'Loading…' : 'Reporting on stories from around the world…'}
            aria-describedby={problem ? 'person-bio-problem' : undefined}
            onChange={(event) => setBio(event.target.value)}
          />
          {!person && !loading && <p className="field-hint">{byline.name} is not in the directory yet; saving adds them.</p>}
          {problem && (
            <p id="person-bio-problem" role="alert" className="field-error">
              {problem}
            </p>
          )}
        </div>
      </form>
    </Dialog>
  );
}
