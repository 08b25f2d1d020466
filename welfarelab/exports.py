"""Files people open in a spreadsheet program: CSV as Norwegian spreadsheet programs read it, and never a text
that runs as a formula (OWASP, "CSV injection"), so that a name like =HYPERLINK(...) stays a name."""

import csv
import io

# How a formula starts in a spreadsheet program.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """A text cell no spreadsheet program runs: one that starts like a formula gets an apostrophe before it."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_START) else value


def csv_file(rows):
    """Rows separated by semicolons, with a byte order mark so that the Norwegian letters are read right."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, delimiter=";").writerows([as_text(cell) for cell in row] for row in rows)
    return out.getvalue().encode("utf-8")
