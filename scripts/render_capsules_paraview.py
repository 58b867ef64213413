"""Renders the capsules of one output step in ParaView, as a user sees them: each capsule as a surface
through its fibres coloured by fibre strain (capsules.pvd), the bones translucent grey (solution.pvd,
deformed), the 1-D ligaments as green lines.

Usage: xvfb-run -a pvbatch scripts/render_capsules_paraview.py RUN_FOLDER STEP REGIONS_FILE PICTURE.png [LIMIT]
       STEP: the output step (its time is set as the animation time before rendering);
       REGIONS_FILE: the .regions file beside the mesh; LIMIT: top of the strain colour scale (0.5).
Needs python3-paraview (Debian), which conflicts with libvtk9-dev: install it only to render.
"""
import os
import sys

from paraview.simple import (Clip, ColorBy, GetAnimationScene, GetColorTransferFunction, GetScalarBar,
                             PVDReader, Render, SaveScreenshot, Show, Threshold, WarpByVector,
                             CreateView)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from region_file import volume_tags  # noqa: E402


def main(folder, step, regions_file, picture, limit=0.5):
    capsules = PVDReader(FileName=os.path.join(folder, "capsules.pvd"))
    solution = PVDReader(FileName=os.path.join(folder, "solution.pvd"))
    times = list(capsules.TimestepValues) if capsules.TimestepValues else [0.0]
    if step >= len(times):
        sys.exit(f"render_capsules_paraview: step {step} is not in {folder} (it has {len(times)} steps)")
    scene = GetAnimationScene()
    scene.UpdateAnimationUsingDataTimeSteps()
    scene.AnimationTime = times[step]

    view = CreateView("RenderView")
    view.ViewSize = [1100, 1000]
    view.UseColorPaletteForBackground = 0
    view.Background = [1, 1, 1]
    view.OrientationAxesVisibility = 0
    view.ViewTime = times[step]

    warped = WarpByVector(Input=solution, Vectors=["POINTS", "displacement"])
    tags = volume_tags(regions_file, lambda name: name.startswith("vertebra_"))
    for tag in tags:
        # A band of two scalar clips, not a Threshold: ParaView 5.11's Threshold crashed (SIGSEGV in
        # vtkExtractCells) on some steps of the head-T1 solution; the clips keep the same cells.
        above = Clip(Input=warped, ClipType="Scalar", Scalars=["POINTS", "region"], Value=tag - 0.4)
        above.Invert = 0
        bone = Clip(Input=above, ClipType="Scalar", Scalars=["POINTS", "region"], Value=tag + 0.4)
        bone.Invert = 1
        display = Show(bone, view)
        display.ColorArrayName = ["POINTS", ""]
        display.AmbientColor = display.DiffuseColor = [0.85, 0.85, 0.8]
        display.Opacity = 0.3

    surfaces = Threshold(Input=capsules, Scalars=["CELLS", "cell_kind (0 fibre, 1 surface)"], LowerThreshold=0.5,
                         UpperThreshold=1.5, ThresholdMethod="Between")
    display = Show(surfaces, view)
    ColorBy(display, ("POINTS", "fibre_strain [-]"))
    lut = GetColorTransferFunction("fibre_strain [-]")
    lut.ApplyPreset("Jet", True)
    lut.RescaleTransferFunction(0.0, limit)
    display.SetScalarBarVisibility(view, True)
    bar = GetScalarBar(lut, view)
    bar.Title = "capsule fibre strain"
    bar.ComponentTitle = ""
    bar.TitleColor = bar.LabelColor = [0, 0, 0]

    ligaments_file = os.path.join(folder, "ligaments.pvd")
    if os.path.exists(ligaments_file):
        lines = Show(PVDReader(FileName=ligaments_file), view)
        lines.ColorArrayName = ["POINTS", ""]
        lines.AmbientColor = lines.DiffuseColor = [0.1, 0.5, 0.1]
        lines.LineWidth = 2

    # From behind, left and above: both C1-C2 and C0-C1 capsules and the subaxial facets face this way.
    view.CameraPosition = [-150, -170, 140]
    view.CameraFocalPoint = [0, -20, 60]
    view.CameraViewUp = [0, 0, 1]
    view.CameraParallelScale = 60
    Render(view)
    SaveScreenshot(picture, view, ImageResolution=[1100, 1000])
    print(f"render_capsules_paraview: wrote {picture} (t = {times[step]} s)")


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], *(float(v) for v in sys.argv[5:6]))
