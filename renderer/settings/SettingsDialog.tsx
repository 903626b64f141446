import { useRef, useState, type FormEvent } from 'react';
import { LIMITED_FIELDS, type ConfigOverrides, type FieldLimits, type UserSetting } from '../../shared/config';
import { lede } from '../api/client';
import { ProfileFields, validateProfile, type ProfileDraft, type ProfileErrors } from '../profile/ProfileFields';
import { useApp } from '../state/app-store';
import { Dialog } from '../ui/Dialog';
import { LanguagePicker } from '../ui/LanguagePicker';
import { showToast } from '../ui/toast-store';
import { LimitsEditor, validateLimits, type LimitDrafts, type LimitErrors } from './LimitsEditor';
import { EditingSettings } from './EditingSettings';
import { LockedNote } from './LockedNote';
import { DEFAULT_WORKFLOW_RULES, type WorkflowRules } from '../../shared/workflow/rules';
import { DEFAULT_READY_EDIT_RULE } from '../../shared/workflow/ready-edits';
import { SectionsEditor } from './SectionsEditor';
import { WorkflowRulesEditor } from './WorkflowRulesEditor';

/** Who you are and how the newsroom's stories are set up on this computer. */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const profile = useApp((s) => s.profile);
  const config = useApp((s) => s.config);
  const [person, setPerson] = useState<ProfileDraft>({ name: profile?.name ?? '', role: profile?.role ?? '' });
  const [personErrors, setPersonErrors] = useState<ProfileErrors>({});
  const [sections, setSections] = useState<string[]>(config?.sections ?? []);
  const [sectionsError, setSectionsError] = useState<string | undefined>();
  const [limits, setLimits] = useState<LimitDrafts>(() => limitDrafts(config?.limits));
  const [limitErrors, setLimitErrors] = useState<LimitErrors>({});
  const [language, setLanguage] = useState(config?.defaultLanguage ?? 'en');
  const [rules, setRules] = useState<WorkflowRules>(config?.workflowRules ?? DEFAULT_WORKFLOW_RULES);
  const [editing, setEditing] = useState({ readyEdits: config?.readyEdits ?? DEFAULT_READY_EDIT_RULE, typographicQuotes: config?.typographicQuotes ?? true });
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const locked = new Set<UserSetting>(config?.locked ?? []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const foundPerson = validateProfile(person);
    // What the newsroom locked is not sent (core would refuse it) and needs no checking.
    const foundLimits = locked.has('limits') ? {} : validateLimits(limits);
    const foundSections = !locked.has('sections') && sections.length === 0 ? 'Keep at least one section.' : undefined;
    setPersonErrors(foundPerson);
    setLimitErrors(foundLimits);
    setSectionsError(foundSections);
    if (foundPerson.name || foundPerson.role || Object.keys(foundLimits).length > 0 || foundSections || person.role === '') {
      // Take the person to the first problem; it may be scrolled out of view.
      requestAnimationFrame(() => {
        const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current?.querySelector<HTMLElement>('.field-error');
        invalid?.scrollIntoView({ block: 'center' });
        if (invalid?.matches('input, select, textarea')) invalid.focus();
      });
      return;
    }

    setSaving(true);
    setFailure(null);
    const app = useApp.getState();
    const name = person.name.trim();
    if (name !== profile?.name || person.role !== profile?.role) {
      const result = await lede().invoke('profile.set', { name, role: person.role });
      if (!result.ok) {
        setSaving(false);
        setFailure(result.error.message);
        return;
      }
      app.setProfile(result.value);
    }
    const numeric = Object.fromEntries(
      LIMITED_FIELDS.map((field) => [field, { warn: Number(limits[field].warn), error: Number(limits[field].error) }]),
    ) as FieldLimits;
    const change: ConfigOverrides = { workflowRules: rules };
    if (!locked.has('sections')) change.sections = sections;
    if (!locked.has('limits')) change.limits = numeric;
    if (!locked.has('defaultLanguage')) change.defaultLanguage = language;
    if (!locked.has('readyEdits')) change.readyEdits = editing.readyEdits;
    if (!locked.has('typographicQuotes')) change.typographicQuotes = editing.typographicQuotes;
    const result = await lede().invoke('config.set', change);
    setSaving(false);
    if (!result.ok) {
      setFailure(result.error.message);
      return;
    }
    app.setConfig(result.value);
    showToast({ message: 'Settings saved' });
    onClose();
  };

  return (
    <Dialog
      title="Settings"
      onClose={onClose}
      className="settings-dialog"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="settings-form" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
        </>
      }
    >
      <form id="settings-form" ref={formRef} onSubmit={save} noValidate className="settings-form">
        <fieldset className="settings-group">
          <legend className="settings-legend">You</legend>
          <ProfileFields idPrefix="settings-profile" draft={person} errors={personErrors} onChange={setPerson} />
        </fieldset>
        {locked.size > 0 && (
          <p className="settings-managed" id="settings-managed">
            Some settings on this computer are managed by your newsroom. Ask your IT department to change them.
          </p>
        )}
        <SectionsEditor sections={sections} onChange={setSections} error={sectionsError} locked={locked.has('sections')} />
        <LimitsEditor drafts={limits} errors={limitErrors} onChange={setLimits} locked={locked.has('limits')} />
        <WorkflowRulesEditor rules={rules} onChange={setRules} />
        <EditingSettings
          {...editing}
          onChange={(change) => setEditing((current) => ({ ...current, ...change }))}
          lockedReadyEdits={locked.has('readyEdits')}
          lockedQuotes={locked.has('typographicQuotes')}
        />
        <fieldset className="settings-group" disabled={locked.has('defaultLanguage')} aria-describedby={locked.has('defaultLanguage') ? 'settings-language-locked' : undefined}>
          <legend className="settings-legend">New stories</legend>
          {locked.has('defaultLanguage') && <LockedNote id="settings-language-locked" />}
          <LanguagePicker label="Default language" value={language} languages={config?.languages ?? []} onChange={setLanguage} disabled={locked.has('defaultLanguage')} />
        </fieldset>
        {failure && (
          <p role="alert" className="form-error">
            {failure}
          </p>
        )}
      </form>
    </Dialog>
  );
}

function limitDrafts(limits: FieldLimits | undefined): LimitDrafts {
  const drafts = {} as LimitDrafts;
  for (const field of LIMITED_FIELDS) {
    drafts[field] = { warn: String(limits?.[field].warn ?? ''), error: String(limits?.[field].error ?? '') };
  }
  return drafts;
}
