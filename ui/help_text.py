"""Help for two readers: rich text for the Processing dialog, plain text for the command line.

QGIS shows an algorithm's shortHelpString() both in the dialog (as HTML: each line becomes a paragraph)
and in `qgis_process help` (printed as it is). The tools write their help once, in light HTML; under
qgis_process (QgsApplication.platform() == "qgis_process") it is turned into plain paragraphs: tags
dropped, entities decoded (&lambda; -> λ), lines wrapped to the terminal's 79 columns, counting a
Chinese character as two columns.
"""
import html
import re
import unicodedata

from qgis.core import QgsApplication

COMMAND_LINE_PLATFORM = "qgis_process"
LINE_WIDTH = 79
_PARAGRAPH_END = re.compile(r"</p>|<br\s*/?>|</h\d>|</li>|</tr>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"<li>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def for_this_application(rich_text):
    """``rich_text`` as the running application shows it best: plain text under qgis_process, else HTML."""
    if QgsApplication.platform() == COMMAND_LINE_PLATFORM:
        return plain_text(rich_text)
    return rich_text


def plain_text(rich_text, width=LINE_WIDTH):
    """Light HTML as plain paragraphs separated by a blank line, wrapped to ``width`` display columns."""
    text = _LIST_ITEM.sub("- ", rich_text)
    paragraphs = []
    for block in _PARAGRAPH_END.split(text):
        words = " ".join(html.unescape(_TAG.sub("", block)).split())
        if words:
            paragraphs.append("\n".join(wrap(words, width)))
    return "\n\n".join(paragraphs)


def display_width(text):
    """Columns a terminal gives ``text``: wide and full-width characters (Chinese) take two."""
    return sum(2 if _is_wide(char) else 1 for char in text)


def _is_wide(char):
    return unicodedata.east_asian_width(char) in "WF"


def _tokens(text):
    """Breakable units: a wide character alone (Chinese may break between any two), else a word or a space."""
    tokens, word = [], ""
    for char in text:
        if char == " " or _is_wide(char):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def _is_closing_punctuation(token):
    return len(token) == 1 and _is_wide(token) and unicodedata.category(token) in ("Po", "Pe", "Pf")


def wrap(text, width=LINE_WIDTH):
    """Greedy wrap by display width; a word longer than a line stays whole on its own line.

    Chinese closing punctuation (，。；：）) never starts a line: the character before it moves down with it.
    """
    lines, line = [], []
    for token in _tokens(text):
        if token == " " and not line:
            continue
        if line and token != " " and display_width("".join(line) + token) > width:
            carried = []
            if _is_closing_punctuation(token) and len(line) > 1 and line[-1] != " ":
                carried = [line.pop()]
            lines.append("".join(line).rstrip())
            line = carried
        line.append(token)
    if "".join(line).strip():
        lines.append("".join(line).rstrip())
    return lines
