"""The text of a file an office saved, whichever program wrote it, and its column separator.

Offices' lists come from Excel (every version and language), LibreOffice, Notepad and
registration systems. The encodings they write are few and known, so they are tried in a fixed
order instead of guessed, and every line is read on its own, so that a file pieced together
from two programs still reads:

1. a UTF-16 byte order mark (Excel's "Unicode text"): the whole file is UTF-16;
2. otherwise, after an optional UTF-8 byte order mark, each line is UTF-8 when it is valid
   UTF-8, else Windows-1252 (ANSI). Some Excel versions write the UTF-8 mark and then ANSI
   bytes; those lines read as Windows-1252 like any other.

A line that is still not text (one of the five bytes Windows-1252 leaves undefined, a control
character, or the replacement character of text already lost) is *unreadable*: the caller
reports it by its number and the user retypes it. Storing it as Latin-1 would put invisible
control characters into names, where they spoil printing and duplicate checks. A NUL byte
means the file is not text at all (a workbook, a PDF, a damaged copy), and so does UTF-16 that
does not decode: the whole file is refused, naming the first bad line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from holdmetight.errors import ValidationError
from holdmetight.i18n import _

DELIMITERS = (";", ",", "\t")  # in order of preference: Dutch Excel writes semicolons

_UTF16_MARKS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_UTF8_MARK = b"\xef\xbb\xbf"
_DOS_END_OF_FILE = b"\x1a"
# Not text in a list: control characters except tab, DEL, C1 controls, and U+FFFD (text that
# some earlier program could not read).
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_LINE_END = re.compile("\r\n|\r|\n")


@dataclass(frozen=True)
class TextFile:
    """A file's text, and the numbers (from 1) of the lines that are not readable text."""

    text: str
    unreadable_lines: frozenset[int]


def read_text(data: bytes) -> TextFile:
    """The text of ``data`` (see the module text for the encodings and what is refused).

    Lines are numbered as ``csv.reader`` counts them: a line ends at CR, LF or CR LF."""
    for mark, encoding in _UTF16_MARKS:
        if data.startswith(mark):
            lines = _utf16_lines(data[len(mark) :], encoding)
            break
    else:
        lines = _eight_bit_lines(data.removeprefix(_UTF8_MARK).removesuffix(_DOS_END_OF_FILE))
    pieces: list[str] = []
    unreadable: set[int] = set()
    for number, (line, decoded) in enumerate(lines, start=1):
        line = line.replace("\ufeff", "")  # marks of files pasted together; invisible otherwise
        if "\x00" in line:
            raise ValidationError(
                _(
                    "This is not a text file: line {line} holds bytes that are not text. Save "
                    "the list as CSV and import that file."
                ).format(line=number)
            )
        if not decoded or _NOT_TEXT.search(line.rstrip("\r\n")):
            unreadable.add(number)
        pieces.append(line)
    return TextFile("".join(pieces), frozenset(unreadable))


def _eight_bit_lines(data: bytes) -> Iterator[tuple[str, bool]]:
    """Each line as UTF-8 if it is, else as Windows-1252; False where neither reads it."""
    for raw in data.splitlines(keepends=True):
        try:
            yield raw.decode("utf-8"), True
        except UnicodeDecodeError:
            try:
                yield raw.decode("cp1252"), True
            except UnicodeDecodeError:
                yield raw.decode("cp1252", errors="replace"), False


def _utf16_lines(data: bytes, encoding: str) -> Iterable[tuple[str, bool]]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        before = data[: error.start].decode(encoding, errors="replace")
        raise ValidationError(
            _(
                "Line {line} cannot be read: the file is damaged or cut off. Save the list "
                "again and import the new file."
            ).format(line=len(_LINE_END.findall(before)) + 1)
        ) from error
    return ((line, True) for line in io.StringIO(text, newline=""))


def detect_delimiter(text: str, *, is_column: Callable[[str], bool]) -> str:
    """The separator that splits the first line into the most known columns.

    ``csv.Sniffer`` guesses from how often characters recur and fails on a one-column file
    or a quoted header with commas in it; the header we need names known columns, so the
    separator that finds most of them is the right one (ties: most columns, then the order
    of ``DELIMITERS``)."""

    def score(delimiter: str) -> tuple[int, int]:
        header = _first_record(text, delimiter)
        return sum(1 for name in header if is_column(name)), len(header)

    return max(DELIMITERS, key=score)


def _first_record(text: str, delimiter: str) -> Sequence[str]:
    """The fields of the first record, or none when it cannot be read as CSV."""
    try:
        return next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
    except csv.Error:
        return []


# The largest file an import reads.
MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class CsvFile:
    """A CSV file opened for reading: its text, delimiter, header and the reader after it."""

    text: TextFile
    delimiter: str
    header: list[str]
    reader: Any  # csv's reader: its lines after the header, and the line it is at


def open_csv(data: bytes, *, is_column: Callable[[str], bool]) -> CsvFile:
    """The file read as text, its delimiter found from the column names, and its header line;
    a clear message for a file too large, empty or not CSV."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is too large to import (at most 20 MB)."))
    decoded = read_text(data)
    delimiter = detect_delimiter(decoded.text, is_column=is_column)
    reader = csv.reader(io.StringIO(decoded.text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError(_("The file is empty.")) from None
    except csv.Error as error:
        raise ValidationError(
            _("The file is not a readable CSV file: {reason}").format(reason=error)
        ) from error
    return CsvFile(decoded, delimiter, header, reader)
