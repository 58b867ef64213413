"""Reads cspine's CSV files: `#` lines (units, notes) first, then a header and rows."""
import csv


def read_rows(path):
    """The rows of `path` as dicts keyed by the header, the `#` lines skipped."""
    with open(path, newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))
