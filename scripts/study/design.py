"""The cases of a study: every combination of the parameters' lists and ranges (grid), or samples of their
bounds (Latin hypercube or Monte Carlo) with a seed. Python's own generator (Mersenne Twister, seeded by
an integer) gives the same samples on every machine, so a study's cases can be remade anywhere.
"""
import itertools
import random


class DesignError(Exception):
    """A study whose parameters cannot be combined as asked; the message names the entry."""


def grid_values(parameter):
    """The list of a grid parameter: `values` as given, or `range` (first, last, count) evenly spaced."""
    if parameter["values"] is not None:
        return parameter["values"]
    first, last, count = parameter["range"]
    if count == 1:
        return [first]
    return [first + (last - first) * i / (count - 1) for i in range(count)]


def latin_hypercube(bounds, samples, rng):
    """`samples` points; each parameter's range cut into `samples` equal strata, one point per stratum
    (McKay, Beckman & Conover 1979), strata paired at random."""
    columns = []
    for low, high in bounds:
        strata = list(range(samples))
        rng.shuffle(strata)
        columns.append([low + (high - low) * (s + rng.random()) / samples for s in strata])
    return [list(point) for point in zip(*columns)]


def monte_carlo(bounds, samples, rng):
    return [[low + (high - low) * rng.random() for low, high in bounds] for _ in range(samples)]


def cases(study):
    """A list of cases, each a list of values in the order of study['parameters']."""
    parameters = study["parameters"]
    if study["design"] == "grid":
        for parameter in parameters:
            if parameter["bounds"] is not None:
                raise DesignError(f"{study['file']}: Parameter {parameter['name']}/Bounds is for sampled designs; "
                                  "a grid needs Values or Range")
        return [list(values) for values in itertools.product(*(grid_values(p) for p in parameters))]
    bounds = []
    for parameter in parameters:
        if parameter["bounds"] is None:
            raise DesignError(f"{study['file']}: Parameter {parameter['name']} needs Bounds (low, high) in a "
                              f"'{study['design']}' design")
        bounds.append(parameter["bounds"])
    rng = random.Random(study["seed"])
    sample = latin_hypercube if study["design"] == "latin hypercube" else monte_carlo
    return sample(bounds, study["samples"], rng)
