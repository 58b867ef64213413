"""Reads a mesh's .regions file (tag, dimension, name, material per line; '#' comments)."""


def volume_tags(path, wanted):
    """The tags of the volume regions whose name `wanted(name)` accepts."""
    tags = []
    with open(path) as regions:
        for line in regions:
            if line.startswith("#"):
                continue
            tag, dim, name = line.split()[:3]
            if dim == "3" and wanted(name):
                tags.append(int(tag))
    return tags
