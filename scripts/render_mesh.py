#!/usr/bin/python3
"""Renders a cspine_mesh .msh file (gmsh 4.1 ASCII, linear tetrahedra) with its regions coloured.

Usage: xvfb-run -a /usr/bin/python3 scripts/render_mesh.py MESH.msh PICTURE.png [HIDDEN] [AZIMUTH] [ELEVATION]
       HIDDEN: comma-separated region names left out (e.g. head,vertebra_c0 to see C1-C2);
       AZIMUTH, ELEVATION: degrees the camera turns about the vertical and then upwards from its default
       left-posterior view.
Needs Debian's python3-vtk9 (installed with libvtk9-dev) and, without a display, xvfb.
"""
import colorsys
import sys

import vtk

from picture import write_png


def sections(path):
    """The .msh file's sections as {name: [lines]}."""
    result, name = {}, None
    with open(path) as msh:
        for line in msh:
            line = line.strip()
            if line.startswith("$End"):
                name = None
            elif line.startswith("$"):
                name = line[1:]
                result[name] = []
            elif name:
                result[name].append(line)
    return result


def read_grid(path, hidden=()):
    data = sections(path)
    names = {}
    for line in data.get("PhysicalNames", [])[1:]:
        dim, tag, name = line.split(" ", 2)
        if dim == "3":
            names[int(tag)] = name.strip('"')
    # $Entities: points, curves, surfaces, volumes; each volume line: tag, bbox (6), nPhysicals, tags...
    counts = [int(value) for value in data["Entities"][0].split()]
    volume_lines = data["Entities"][1 + counts[0] + counts[1] + counts[2]:][:counts[3]]
    physical_of = {}
    for line in volume_lines:
        values = line.split()
        if int(values[7]) > 0:
            physical_of[int(values[0])] = int(values[8])

    points, index = vtk.vtkPoints(), {}
    lines, i = data["Nodes"], 1
    while i < len(lines):
        _, _, _, n = (int(v) for v in lines[i].split())
        tags = lines[i + 1:i + 1 + n]
        coordinates = lines[i + 1 + n:i + 1 + 2 * n]
        for tag, xyz in zip(tags, coordinates):
            index[int(tag)] = points.InsertNextPoint(*(float(v) for v in xyz.split()))
        i += 1 + 2 * n

    grid = vtk.vtkUnstructuredGrid()
    grid.SetPoints(points)
    region = vtk.vtkIntArray()
    region.SetName("region")
    lines, i = data["Elements"], 1
    while i < len(lines):
        entity_dim, entity, element_type, n = (int(v) for v in lines[i].split())
        for line in lines[i + 1:i + 1 + n]:
            region_name = names.get(physical_of.get(entity, 0), "")
            if entity_dim == 3 and element_type == 4 and region_name not in hidden:
                nodes = [index[int(v)] for v in line.split()[1:5]]
                grid.InsertNextCell(vtk.VTK_TETRA, 4, nodes)
                region.InsertNextValue(physical_of.get(entity, 0))
        i += 1 + n
    grid.GetCellData().SetScalars(region)
    return grid


def main(mesh, picture, hidden=(), azimuth=0.0, elevation=0.0):
    grid = read_grid(mesh, hidden)
    surface = vtk.vtkDataSetSurfaceFilter()
    surface.SetInputData(grid)
    mapper = vtk.vtkPolyDataMapper()
    mapper.SetInputConnection(surface.GetOutputPort())
    low, high = grid.GetCellData().GetScalars().GetRange()
    mapper.SetScalarRange(low, high)
    mapper.SetScalarModeToUseCellData()
    # Neighbouring tags get distant hues (golden-ratio steps), so that adjacent regions stand apart.
    lut = vtk.vtkLookupTable()
    lut.SetNumberOfTableValues(int(high - low) + 1)
    for k in range(int(high - low) + 1):
        colour = colorsys.hsv_to_rgb((k * 0.618034) % 1.0, 0.65, 0.95)
        lut.SetTableValue(k, *colour, 1.0)
    mapper.SetLookupTable(lut)
    actor = vtk.vtkActor()
    actor.SetMapper(mapper)

    renderer = vtk.vtkRenderer()
    renderer.AddActor(actor)
    # From the left, slightly behind: bodies, discs, facets, capsules.
    write_png(renderer, picture, (900, 900), (0, 0, 0), (-100, -60, 30), azimuth, elevation)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4, 5, 6):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3].split(",") if len(sys.argv) > 3 else (),
         float(sys.argv[4]) if len(sys.argv) > 4 else 0.0, float(sys.argv[5]) if len(sys.argv) > 5 else 0.0)
