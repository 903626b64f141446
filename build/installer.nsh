; Lede's additions to the NSIS installer (electron-builder includes this file).
;
; The installer is per-machine (Program Files) and runs silently with /S for
; managed roll-outs. It never touches anyone's library: stories live under
; each user's %APPDATA%\Lede, which neither install nor uninstall removes
; (deleteAppDataOnUninstall: false). Newsroom IT manages the machine policy
; in %ProgramData%\Lede\policy.json (see docs/admin-guide.md).

!macro customInstall
  ; A template beside where the policy goes, so IT can see every key. It is
  ; not the policy itself and Lede never reads it.
  ReadEnvStr $0 PROGRAMDATA
  StrCmp $0 "" lede_no_programdata
    CreateDirectory "$0\Lede"
    SetOutPath "$0\Lede"
    File "/oname=policy.template.json" "${BUILD_RESOURCES_DIR}\policy.template.json"
    SetOutPath "$INSTDIR"
  lede_no_programdata:
!macroend

!macro customUnInstall
  ; Keep %ProgramData%\Lede\policy.json: it belongs to newsroom IT, and a
  ; reinstall or upgrade must come back to the same managed settings.
  ReadEnvStr $0 PROGRAMDATA
  StrCmp $0 "" +2
    Delete "$0\Lede\policy.template.json"
!macroend
