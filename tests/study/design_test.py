"""CTest study_design: the study runner's designs (scripts/study/design.py) and study-file checks.
- grid: every combination, ranges evenly spaced with both ends;
- Latin hypercube: each parameter's range cut into `samples` equal strata holds exactly one point, and
  the same seed gives the same points (a different seed other points);
- Monte Carlo: inside the bounds, reproducible by seed;
- study files with a bad entry are refused with the entry named.
Usage: design_test.py SCRIPTS_DIR WORK_DIR
"""
import os
import sys

sys.path.insert(0, sys.argv[1])
from study import design, study_file  # noqa: E402

work = sys.argv[2]
os.makedirs(work, exist_ok=True)


def parameter(name, values=None, range_=None, bounds=None):
    return {"name": name, "entry": ["A", name], "values": values, "range": range_, "bounds": bounds,
            "anatomy": False}


grid = design.cases({"file": "s.prm", "design": "grid", "parameters": [parameter("a", values=[1.0, 2.0]),
                                                                         parameter("b", range_=(0.0, 1.0, 3))]})
assert grid == [[1, 0], [1, 0.5], [1, 1], [2, 0], [2, 0.5], [2, 1]], grid

bounds = [parameter("a", bounds=(0.0, 10.0)), parameter("b", bounds=(-1.0, 1.0))]
lhs = {"file": "s.prm", "design": "latin hypercube", "samples": 7, "seed": 3, "parameters": bounds}
points = design.cases(lhs)
assert len(points) == 7
for column, (low, high) in enumerate([(0.0, 10.0), (-1.0, 1.0)]):
    strata = sorted(int((p[column] - low) / (high - low) * 7) for p in points)
    assert strata == list(range(7)), (column, strata)       # one point per stratum
assert design.cases(lhs) == points                           # same seed, same points
assert design.cases(dict(lhs, seed=4)) != points             # another seed, other points

mc = {"file": "s.prm", "design": "monte carlo", "samples": 50, "seed": 1, "parameters": bounds}
samples = design.cases(mc)
assert len(samples) == 50 and all(0 <= p[0] <= 10 and -1 <= p[1] <= 1 for p in samples)
assert design.cases(mc) == samples

try:
    design.cases(dict(lhs, parameters=[parameter("a", values=[1.0])]))
    raise AssertionError("a list in a sampled design was accepted")
except design.DesignError as error:
    assert "Parameter a needs Bounds" in str(error), error

base = os.path.join(work, "base.prm")
open(base, "w").write("# empty base\n")
cases = {
    "set Design = grid\nsubsection Parameter a\n  set Entry = X/y\n  set Values = 1, nan\nend\n": "NaN and inf are not allowed",
    "set Design = grid\nsubsection Parameter a\n  set Entry = X/y\nend\n": "needs exactly one of Values, Range, Bounds",
    "set Design = grid\nsubsection Parameter a\n  set Entry = X/y\n  set Bounds = 2, 1\nend\n": "low must be below high",
    "set Design = grid\nset Colour = red\n": "unknown entry 'Colour'",
    "set Design = grid\n": "no 'subsection Parameter <name>'",
    "set Design = latin hypercube\nsubsection Parameter a\n  set Entry = X/y\n  set Bounds = 0, 1\nend\n":
        "Samples must be at least 1",
    "set Design = grid\nsubsection Parameter s\n  set Entry = anatomy/all/scale\n  set Values = 0.9\nend\n":
        "an anatomy parameter needs 'LEVELS BONE_SIZE THIN_SIZE'",
}
for number, (text, message) in enumerate(cases.items()):
    path = os.path.join(work, f"bad_{number}.prm")
    open(path, "w").write(f"set Base config = {base}\n" + text)
    try:
        study_file.read(path)
        raise AssertionError(f"accepted: {text!r}")
    except study_file.StudyError as error:
        assert message in str(error) and path in str(error), (message, str(error))
print("PASS: grid, Latin hypercube, Monte Carlo; 7 bad study files refused")
