#!/usr/bin/python3
"""Renders a cspine output (solution.pvd's first data set) with its regions coloured, to a PNG.

Usage: /usr/bin/python3 scripts/render_regions.py OUTPUT_DIR PICTURE.png
Uses Debian's python3-vtk9 (installed with libvtk9-dev), offscreen; no display needed.
"""
import re
import sys

import vtk


def main(directory, picture):
    with open(directory + "/solution.pvd") as pvd:
        first = re.search(r'file="([^"]+)"', pvd.read()).group(1)
    reader = vtk.vtkXMLPUnstructuredGridReader()
    reader.SetFileName(directory + "/" + first)
    reader.Update()
    grid = reader.GetOutput()
    grid.GetPointData().SetActiveScalars("region")
    low, high = grid.GetPointData().GetArray("region").GetRange()

    surface = vtk.vtkDataSetSurfaceFilter()
    surface.SetInputData(grid)
    mapper = vtk.vtkDataSetMapper()
    mapper.SetInputConnection(surface.GetOutputPort())
    mapper.SetScalarRange(low, high)
    lut = vtk.vtkLookupTable()
    lut.SetNumberOfTableValues(int(high - low) + 1)
    lut.SetHueRange(0.0, 0.85)
    lut.Build()
    mapper.SetLookupTable(lut)
    actor = vtk.vtkActor()
    actor.SetMapper(mapper)

    renderer = vtk.vtkRenderer()
    renderer.AddActor(actor)
    renderer.SetBackground(1, 1, 1)
    window = vtk.vtkRenderWindow()
    window.SetOffScreenRendering(1)
    window.AddRenderer(renderer)
    window.SetSize(900, 700)
    camera = renderer.GetActiveCamera()
    camera.SetViewUp(0, 0, 1)
    camera.SetPosition(-60, -80, 40)  # from the left, behind and above: facets and capsules visible
    camera.SetFocalPoint(0, 0, 0)
    renderer.ResetCamera()
    window.Render()
    image = vtk.vtkWindowToImageFilter()
    image.SetInput(window)
    writer = vtk.vtkPNGWriter()
    writer.SetFileName(picture)
    writer.SetInputConnection(image.GetOutputPort())
    writer.Write()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
