"""Reading and writing deal.II parameter files (.prm) as cspine uses them: `subsection`/`end`, `set A = B`,
`include FILE` (resolved against the working directory, as deal.II does), `#` comments and lines
continued with a trailing backslash. Only what the study runner needs: the entries of a file in order,
with their subsection path, and override files for single entries.
"""
import os


class PrmError(Exception):
    """A file that cannot be read as a parameter file; the message names the file and the line."""


def logical_lines(path):
    """(line number, text) of `path` without comments, continuation lines joined."""
    try:
        with open(path, encoding="utf-8") as handle:
            raw = handle.read().splitlines()
    except OSError as error:
        raise PrmError(f"{path}: cannot be read ({error.strerror})") from error
    pending, first = "", 0
    for number, line in enumerate(raw, start=1):
        text = line.split("#", 1)[0].rstrip()
        if not pending:
            first = number
        if text.endswith("\\"):
            pending += text[:-1] + " "
            continue
        text = (pending + text).strip()
        pending = ""
        if text:
            yield first, text


def entries(path, _seen=None):
    """Every `set` of `path` and its includes, in order: (["Sub", "section", "Entry"], value, file, line)."""
    seen = set() if _seen is None else _seen
    real = os.path.realpath(path)
    if real in seen:
        raise PrmError(f"{path}: includes itself (an include cycle)")
    seen = seen | {real}
    stack, found = [], []
    for number, text in logical_lines(path):
        words = text.split(None, 1)
        keyword = words[0]
        if keyword == "subsection" and len(words) == 2:
            stack.append(words[1].strip())
        elif keyword == "end":
            if not stack:
                raise PrmError(f"{path}:{number}: 'end' without a subsection")
            stack.pop()
        elif keyword == "include" and len(words) == 2:
            found.extend(entries(words[1].strip(), seen))
        elif keyword == "set" and len(words) == 2 and "=" in words[1]:
            name, value = words[1].split("=", 1)
            found.append((stack + [name.strip()], value.strip(), path, number))
        else:
            raise PrmError(f"{path}:{number}: cannot read '{text}' (allowed: subsection, end, set A = B, include)")
    if stack:
        raise PrmError(f"{path}: subsection '{stack[-1]}' is not closed with 'end'")
    return found


def last_value(path, entry):
    """The value `path` (with its includes) gives `entry` (a path list) last, with its file; or (None, None)."""
    value, where = None, None
    for name, text, file, _ in entries(path):
        if name == entry:
            value, where = text, file
    return value, where


def override_text(entry, value):
    """`set` of one entry (a path list) inside its subsections."""
    *sections, name = entry
    lines = [("  " * depth) + "subsection " + section for depth, section in enumerate(sections)]
    lines.append(("  " * len(sections)) + f"set {name} = {value}")
    lines += [("  " * depth) + "end" for depth in reversed(range(len(sections)))]
    return "\n".join(lines) + "\n"
