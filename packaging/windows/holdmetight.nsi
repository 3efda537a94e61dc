; Windows installer of the frozen application, for one user, without administrator rights.
;
;   makensis /DVERSION=0.1.0 packaging\windows\holdmetight.nsi
;
; It packs dist\holdmetight, the folder PyInstaller made (packaging/holdmetight.spec), into
; dist\holdmetight-VERSION-setup.exe; /DSOURCE_DIR= and /DOUT_FILE= choose others (makensis
; works in this script's folder: relative paths start here). The programme goes to
; %LOCALAPPDATA%\Programs\holdmetight, where Windows keeps per-user programs. The user's data
; (database, settings, cache) is in %LOCALAPPDATA%\holdmetight, a different folder (platformdirs,
; see holdmetight/config.py): installing, upgrading and uninstalling never touch it, nor the
; window layout in the registry or the passwords in the credential manager.

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
!ifdef UNCOMPRESSED
  SetCompress off  ; for a check that the script compiles (CI): seconds instead of minutes
!else
  SetCompressor /SOLID lzma
!endif

!ifndef VERSION
  !error "pass the version: /DVERSION=x.y.z"
!endif
!ifndef SOURCE_DIR
  !define SOURCE_DIR "..\..\dist\holdmetight"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "..\..\dist\holdmetight-${VERSION}-setup.exe"
!endif

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\holdmetight"
!define PROGRAM "holdmetight.exe"

!include "MUI2.nsh"
!include "FileFunc.nsh"

Name "Houd me vast"
OutFile "${OUT_FILE}"
; Fixed, and no page to change it: the uninstaller removes this folder's contents, so it must
; never be a folder the user chose for something else.
InstallDir "$LOCALAPPDATA\Programs\holdmetight"

!define MUI_ICON "holdmetight.ico"
!define MUI_UNICON "holdmetight.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PROGRAM}"

!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first is used when Windows speaks neither.
!insertmacro MUI_LANGUAGE "Dutch"
!insertmacro MUI_LANGUAGE "English"

LangString STILL_RUNNING ${LANG_DUTCH} "Houd me vast is nog geopend. Sluit het programma en kies Opnieuw."
LangString STILL_RUNNING ${LANG_ENGLISH} "Houd me vast is still open. Close it and choose Retry."

; The programme's own files only. A PyInstaller folder's file list changes from version to
; version, so an upgrade removes the old one first; the user's data lives elsewhere.
!macro REMOVE_PROGRAM_FILES
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\holdmetight.exe"
  Delete "$INSTDIR\holdmetight-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
!macroend

; A running program (the window, or a command such as a scheduled send-due) keeps its files
; open, and removing the others would leave it broken: ask to close it before anything is
; removed. Windows refuses to open a running program's file for writing.
!macro WAIT_UNTIL_CLOSED_FUNCTION PREFIX
  Function ${PREFIX}WaitUntilClosed  ; $R0: the program's file
    retry:
      IfFileExists "$R0" 0 done
      ClearErrors
      FileOpen $0 "$R0" a
      IfErrors 0 closed
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(STILL_RUNNING)" /SD IDCANCEL IDRETRY retry
        Quit
    closed:
      FileClose $0
    done:
  FunctionEnd
!macroend
!insertmacro WAIT_UNTIL_CLOSED_FUNCTION ""
!insertmacro WAIT_UNTIL_CLOSED_FUNCTION "un."

!macro WAIT_UNTIL_BOTH_CLOSED PREFIX
  StrCpy $R0 "$INSTDIR\holdmetight.exe"
  Call ${PREFIX}WaitUntilClosed
  StrCpy $R0 "$INSTDIR\holdmetight-cli.exe"
  Call ${PREFIX}WaitUntilClosed
!macroend

Section "Houd me vast"
  SetShellVarContext current
  !insertmacro WAIT_UNTIL_BOTH_CLOSED ""
  !insertmacro REMOVE_PROGRAM_FILES

  SetOutPath "$INSTDIR"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\Houd me vast.lnk" "$INSTDIR\${PROGRAM}" "" "$INSTDIR\${PROGRAM}" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Houd me vast"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "holdmetight"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${PROGRAM},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro WAIT_UNTIL_BOTH_CLOSED "un."
  Delete "$SMPROGRAMS\Houd me vast.lnk"
  !insertmacro REMOVE_PROGRAM_FILES
  RMDir "$INSTDIR"  ; only when empty
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
