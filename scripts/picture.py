"""Off-screen rendering to a PNG, shared by the render_*.py scripts (Debian's python3-vtk9)."""
import vtk


def write_png(renderer, picture, size, focal_point, position, azimuth=0.0, elevation=0.0):
    """Renders `renderer` on white, looking from `position` at `focal_point` (z up, then turned by azimuth
    and elevation in degrees, then zoomed to fit), into the PNG file `picture`."""
    renderer.SetBackground(1, 1, 1)
    window = vtk.vtkRenderWindow()
    window.SetOffScreenRendering(1)
    window.AddRenderer(renderer)
    window.SetSize(*size)
    camera = renderer.GetActiveCamera()
    camera.SetFocalPoint(*focal_point)
    camera.SetPosition(*position)
    camera.SetViewUp(0, 0, 1)
    camera.Azimuth(azimuth)
    camera.Elevation(elevation)
    camera.OrthogonalizeViewUp()
    renderer.ResetCamera()
    window.Render()
    image = vtk.vtkWindowToImageFilter()
    image.SetInput(window)
    writer = vtk.vtkPNGWriter()
    writer.SetFileName(picture)
    writer.SetInputConnection(image.GetOutputPort())
    writer.Write()
