"""Opens one run or study case in ParaView with the capsules already thresholded and coloured by fibre
strain: every capsule as a translucent surface through its fibres, the parts strained past THRESHOLD
opaque and coloured (capsules.pvd, field fibre_strain), the 1-D ligaments as lines, at the output step of
the run's largest capsule strain (from summary.csv; the last step if it has none).

  In the GUI:  CSPINE_CASE=studies/<study>/case_001 paraview --script=scripts/open_case_paraview.py
  To a PNG:    xvfb-run -a pvbatch scripts/open_case_paraview.py CASE [THRESHOLD] [PICTURE.png]

CASE is a run folder (with capsules.pvd) or a study case folder (with output/). THRESHOLD [-] defaults to
0.10, the first of the report's thresholds (Lu et al. 2005 afferent onset). Needs ParaView (Debian
paraview / python3-paraview, which conflicts with libvtk9-dev: install it only to look).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from commented_csv import read_rows  # noqa: E402
from paraview.simple import (ColorBy, GetActiveViewOrCreate, GetAnimationScene, GetColorTransferFunction,
                             GetScalarBar, PVDReader, Render, ResetCamera, SaveScreenshot, Show, Threshold)


def run_folder(case):
    inner = os.path.join(case, "output")
    folder = inner if os.path.exists(os.path.join(inner, "capsules.pvd")) else case
    if not os.path.exists(os.path.join(folder, "capsules.pvd")):
        sys.exit(f"open_case_paraview: no capsules.pvd in {case} or {inner}")
    return folder


def time_of_largest_strain(folder):
    """The time of the largest capsule p95 strain in summary.csv, or None."""
    path = os.path.join(folder, "summary.csv")
    if not os.path.exists(path):
        return None
    rows = read_rows(path)
    capsules = [r for r in rows if r["item"].startswith("capsule_") and r["p95_strain [-]"]]
    if not capsules:
        return None
    worst = max(capsules, key=lambda r: float(r["p95_strain [-]"]))
    return float(worst["time_of_p95 [s]"])


def main(case, threshold=0.10, picture=None):
    folder = run_folder(case)
    capsules = PVDReader(FileName=os.path.join(folder, "capsules.pvd"))
    times = list(capsules.TimestepValues) if capsules.TimestepValues else [0.0]
    wanted = time_of_largest_strain(folder)
    time = min(times, key=lambda t: abs(t - wanted)) if wanted is not None else times[-1]
    scene = GetAnimationScene()
    scene.UpdateAnimationUsingDataTimeSteps()
    scene.AnimationTime = time
    view = GetActiveViewOrCreate("RenderView")
    view.ViewTime = time
    view.OrientationAxesVisibility = 0

    surfaces = Threshold(Input=capsules, Scalars=["CELLS", "cell_kind (0 fibre, 1 surface)"], LowerThreshold=0.5,
                         UpperThreshold=1.5, ThresholdMethod="Between")
    whole = Show(surfaces, view)
    whole.ColorArrayName = ["POINTS", ""]
    whole.AmbientColor = whole.DiffuseColor = [0.75, 0.75, 0.75]
    whole.Opacity = 0.25
    strained = Threshold(Input=surfaces, Scalars=["POINTS", "fibre_strain [-]"], LowerThreshold=threshold,
                         UpperThreshold=1e6, ThresholdMethod="Between")
    display = Show(strained, view)
    ColorBy(display, ("POINTS", "fibre_strain [-]"))
    lut = GetColorTransferFunction("fibre_strain [-]")
    lut.ApplyPreset("Jet", True)
    lut.RescaleTransferFunction(threshold, max(1.0, 5 * threshold))
    display.SetScalarBarVisibility(view, True)
    bar = GetScalarBar(lut, view)
    bar.Title = f"fibre strain (> {threshold:g})"
    bar.ComponentTitle = ""
    bar.WindowLocation = "Any Location"
    bar.Position = [0.8, 0.1]
    bar.ScalarBarLength = 0.4
    bar.TitleFontSize = bar.LabelFontSize = 14
    bar.RangeLabelFormat = "%-#.2f"
    ligaments = os.path.join(folder, "ligaments.pvd")
    if os.path.exists(ligaments):
        lines = Show(PVDReader(FileName=ligaments), view)
        lines.ColorArrayName = ["POINTS", ""]
        lines.AmbientColor = lines.DiffuseColor = [0.1, 0.5, 0.1]
    view.CameraPosition = [-150, -170, 140]
    view.CameraViewUp = [0, 0, 1]
    ResetCamera(view)
    Render(view)
    if picture:
        view.Background = [1, 1, 1]
        view.UseColorPaletteForBackground = 0
        bar.TitleColor = bar.LabelColor = [0, 0, 0]
        SaveScreenshot(picture, view, ImageResolution=[1100, 1000], FontScaling="Do not scale fonts")
        print(f"open_case_paraview: wrote {picture} ({folder}, t = {time} s)")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a]
    case = arguments[0] if arguments else os.environ.get("CSPINE_CASE", "")
    if not case:
        sys.exit(__doc__)
    main(case, float(arguments[1]) if len(arguments) > 1 else 0.10, arguments[2] if len(arguments) > 2 else None)
