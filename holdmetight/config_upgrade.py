"""Bringing a settings file written by an older release up to the current format.

The settings file records the format it was written in under ``"settings_version"``; a file
without that key was written before formats were numbered and is version 0. On loading, every
step from the file's version up to :func:`current_version` is applied in order to the raw
dictionary read from the file, so that a release can rename or move a setting without the user
losing what they chose. The file on disk is only rewritten when the settings are next saved.

A file written by a newer release than this one is left as it is: no step runs, the keys this
release does not know are kept and written back untouched, and its version number is kept.

How to add a step (when a setting is renamed, moved, split or changes meaning):

1. Write ``upgrade_to_vN(raw)`` below, changing ``raw`` in place from version N-1 to N. Its
   docstring says what changed and why. It must cope with whatever a user may have left in the
   file (a missing key, a value of the wrong type) and keep every key it does not touch.
2. Append it to :data:`UPGRADE_STEPS`; the list's length is the current version.
3. Teach :class:`holdmetight.config.Settings` the new name, and add a test that a file of
   version N-1 loads with the value in its new place.

Steps are never removed or reordered: a file from any earlier release still needs them all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

VERSION_KEY = "settings_version"

RawSettings = dict[str, object]
UpgradeStep = Callable[[RawSettings], None]

log = logging.getLogger(__name__)


def upgrade_to_v1(raw: RawSettings) -> None:
    """Version 1 starts numbering the format; the settings themselves are unchanged.

    Version 0 files hold ``language`` and ``database`` (and whatever else was kept beside
    them); version 1 holds the same keys with the same meaning, plus ``settings_version``.
    """


UPGRADE_STEPS: list[UpgradeStep] = [upgrade_to_v1]


def current_version() -> int:
    """The format this release reads and writes."""
    return len(UPGRADE_STEPS)


def file_version(raw: RawSettings) -> int:
    """The format ``raw`` was written in; 0 for a file from before formats were numbered."""
    value = raw.get(VERSION_KEY, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        log.warning("settings file has an unusable %s %r; reading it as 0", VERSION_KEY, value)
        return 0
    return value


def upgrade(raw: RawSettings) -> int:
    """Change ``raw`` in place to the current format if it is older, and return the format it is
    now in (the file's own, if a newer release wrote it), which is also left under
    :data:`VERSION_KEY`."""
    version = file_version(raw)
    for number, step in enumerate(UPGRADE_STEPS[version:], start=version + 1):
        log.info("upgrading settings to version %d (%s)", number, step.__name__)
        step(raw)
    raw[VERSION_KEY] = version = max(version, current_version())
    return version
