// Reads solution.pvd and every .pvtu it lists with VTK, as ParaView does, and checks that the
// expected fields are there with finite values. Usage: vtk_readback OUTPUT_DIR
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkPointData.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLPUnstructuredGridReader.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <regex>
#include <string>
#include <vector>

namespace
{
int fail(const std::string &message)
{
  std::cerr << "vtk_readback: " << message << std::endl;
  return 1;
}
} // namespace

int main(int argc, char **argv)
{
  if (argc != 2)
    return fail("usage: vtk_readback OUTPUT_DIR");
  const std::string directory = argv[1];
  std::ifstream pvd(directory + "/solution.pvd");
  if (!pvd)
    return fail("no " + directory + "/solution.pvd");
  const std::string text((std::istreambuf_iterator<char>(pvd)), std::istreambuf_iterator<char>());
  const std::regex dataset("file=\"([^\"]+)\"");
  std::vector<std::string> files;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), dataset); it != std::sregex_iterator(); ++it)
    files.push_back((*it)[1]);
  if (files.empty())
    return fail("solution.pvd lists no data sets");

  const std::vector<std::string> point_fields = {"displacement",
                                                 "green_lagrange_strain",
                                                 "max_principal_strain",
                                                 "fibre_stretch",
                                                 "cauchy_stress",
                                                 "von_mises_stress",
                                                 "J"};
  for (const std::string &file : files)
  {
    auto reader = vtkSmartPointer<vtkXMLPUnstructuredGridReader>::New();
    reader->SetFileName((directory + "/" + file).c_str());
    reader->Update();
    vtkUnstructuredGrid *grid = reader->GetOutput();
    if (!grid || grid->GetNumberOfPoints() == 0 || grid->GetNumberOfCells() == 0)
      return fail(file + ": no points or cells");
    for (const std::string &name : point_fields)
    {
      vtkDataArray *array = grid->GetPointData()->GetArray(name.c_str());
      if (!array)
        return fail(file + ": no point field " + name);
      for (vtkIdType i = 0; i < array->GetNumberOfTuples(); ++i)
        for (int c = 0; c < array->GetNumberOfComponents(); ++c)
          if (!std::isfinite(array->GetComponent(i, c)))
            return fail(file + ": non-finite value in " + name);
    }
    // deal.II 9.4 writes its cell data as piecewise-constant point fields.
    for (const char *name : {"region", "mpi_rank"})
      if (!grid->GetCellData()->GetArray(name) && !grid->GetPointData()->GetArray(name))
        return fail(file + ": no cell field " + std::string(name));
  }
  std::cout << "vtk_readback: " << files.size() << " data sets read from " << directory << std::endl;
  return 0;
}
