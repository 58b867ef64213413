#!/usr/bin/python3
"""Renders one output step of a cspine run as a user sees it in ParaView: the bones in grey (deformed),
the regions whose names contain MATCH coloured by max_principal_strain (0 to LIMIT), the 1-D
ligaments as lines.

Usage: xvfb-run -a /usr/bin/python3 scripts/render_strain.py RUN_FOLDER STEP REGIONS_FILE PICTURE.png [MATCH] [LIMIT]
       REGIONS_FILE: the .regions file beside the mesh (tag, dimension, name, material);
       MATCH defaults to 'capsule', LIMIT to 0.5.
Needs Debian's python3-vtk9 (installed with libvtk9-dev) and, without a display, xvfb.
"""
import os
import sys

import vtk

from picture import write_png
from region_file import volume_tags


def regions_of(source, tags):
    """The cells whose (point-data) region value is one of tags, as a surface."""
    selection = vtk.vtkAppendFilter()
    selection.thresholds = []
    for tag in tags:
        threshold = vtk.vtkThreshold()
        threshold.SetInputConnection(source.GetOutputPort())
        threshold.SetInputArrayToProcess(0, 0, 0, vtk.vtkDataObject.FIELD_ASSOCIATION_POINTS, "region")
        threshold.SetLowerThreshold(tag - 0.5)
        threshold.SetUpperThreshold(tag + 0.5)
        threshold.SetThresholdFunction(vtk.vtkThreshold.THRESHOLD_BETWEEN)
        selection.AddInputConnection(threshold.GetOutputPort())
        selection.thresholds.append(threshold)
    surface = vtk.vtkDataSetSurfaceFilter()
    surface.SetInputConnection(selection.GetOutputPort())
    surface.selection = selection
    return surface


def main(folder, step, regions_file, picture, match="capsule", limit=0.5):
    reader = vtk.vtkXMLPUnstructuredGridReader()
    reader.SetFileName(os.path.join(folder, "solution_%04d.pvtu" % step))
    reader.Update()
    warp = vtk.vtkWarpVector()
    warp.SetInputConnection(reader.GetOutputPort())
    reader.GetOutput().GetPointData().SetActiveVectors("displacement")
    bones = volume_tags(regions_file, lambda name: name.startswith("vertebra_"))
    chosen = volume_tags(regions_file, lambda name: match in name)

    # Keep the filters referenced: an output port does not keep its filter alive.
    bone_surface, strain_surface = regions_of(warp, bones), regions_of(warp, chosen)
    renderer = vtk.vtkRenderer()
    bone_mapper = vtk.vtkPolyDataMapper()
    bone_mapper.SetInputConnection(bone_surface.GetOutputPort())
    bone_mapper.ScalarVisibilityOff()
    bone_actor = vtk.vtkActor()
    bone_actor.SetMapper(bone_mapper)
    bone_actor.GetProperty().SetColor(0.85, 0.85, 0.8)
    bone_actor.GetProperty().SetOpacity(0.35)
    renderer.AddActor(bone_actor)

    strain_mapper = vtk.vtkPolyDataMapper()
    strain_mapper.SetInputConnection(strain_surface.GetOutputPort())
    strain_mapper.SetScalarModeToUsePointFieldData()
    strain_mapper.SelectColorArray("max_principal_strain")
    strain_mapper.SetScalarRange(0, limit)
    lut = vtk.vtkLookupTable()
    lut.SetHueRange(0.667, 0.0)
    lut.Build()
    strain_mapper.SetLookupTable(lut)
    strain_actor = vtk.vtkActor()
    strain_actor.SetMapper(strain_mapper)
    renderer.AddActor(strain_actor)

    ligaments_file = os.path.join(folder, "ligaments_%d.vtu" % step)
    if os.path.exists(ligaments_file):
        lines = vtk.vtkXMLUnstructuredGridReader()
        lines.SetFileName(ligaments_file)
        line_mapper = vtk.vtkDataSetMapper()
        line_mapper.SetInputConnection(lines.GetOutputPort())
        line_mapper.ScalarVisibilityOff()
        line_actor = vtk.vtkActor()
        line_actor.SetMapper(line_mapper)
        line_actor.GetProperty().SetColor(0.1, 0.5, 0.1)
        line_actor.GetProperty().SetLineWidth(3)
        renderer.AddActor(line_actor)

    bar = vtk.vtkScalarBarActor()
    bar.SetLookupTable(lut)
    bar.SetTitle("max principal\nGreen-Lagrange strain")
    bar.SetNumberOfLabels(6)
    bar.GetTitleTextProperty().SetColor(0, 0, 0)
    bar.GetLabelTextProperty().SetColor(0, 0, 0)
    renderer.AddActor2D(bar)
    # From the left and behind: the facet capsules face this way.
    write_png(renderer, picture, (900, 1000), (0, -20, 80), (-150, -160, 120))


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6, 7):
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], *(sys.argv[5:6]),
         *(float(v) for v in sys.argv[6:7]))
