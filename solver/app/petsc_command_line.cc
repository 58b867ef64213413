#include "app/petsc_command_line.h"

#include "fe/petsc_check.h"

#include <petscoptions.h>

namespace cspine
{
namespace
{
// PetscOptionsLeftGet gives names without their leading dash, and values as null where none was given.
std::string as_option(const char *name, const char *value)
{
  std::string option = std::string("-") + name;
  if (value && *value)
    option += std::string(" ") + value;
  return option;
}
} // namespace

void forget_in_petsc_options(const std::vector<std::string> &cspine_arguments)
{
  for (const std::string &argument : cspine_arguments)
    check_petsc(PetscOptionsClearValue(nullptr, argument.c_str()), "PetscOptionsClearValue");
}

std::string petsc_options_given()
{
  char *all = nullptr;
  check_petsc(PetscOptionsGetAll(nullptr, &all), "PetscOptionsGetAll");
  std::string given = all ? all : "";
  PetscFree(all);
  const auto last = given.find_last_not_of(' ');
  given.erase(last == std::string::npos ? 0 : last + 1);
  return given;
}

std::vector<std::string> petsc_options_never_read()
{
  PetscInt n = 0;
  char **names = nullptr, **values = nullptr;
  check_petsc(PetscOptionsLeftGet(nullptr, &n, &names, &values), "PetscOptionsLeftGet");
  std::vector<std::string> options;
  for (PetscInt i = 0; i < n; ++i)
  {
    // PetscFinalize reads these two, after any run.
    const std::string name = names[i];
    if (name != "options_left" && name != "options_view")
      options.push_back(as_option(names[i], values[i]));
  }
  check_petsc(PetscOptionsLeftRestore(nullptr, &n, &names, &values), "PetscOptionsLeftRestore");
  return options;
}
} // namespace cspine
