#include "app/petsc_command_line.h"

#include "fe/petsc_check.h"

#include <petscoptions.h>

#include <cctype>
#include <sstream>

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

std::vector<std::string> petsc_options_given()
{
  // PetscOptionsGetAll gives one string "-a 1 -b"; a value never starts with a dash followed by a letter.
  char *all = nullptr;
  check_petsc(PetscOptionsGetAll(nullptr, &all), "PetscOptionsGetAll");
  std::istringstream words(all ? all : "");
  PetscFree(all);
  std::vector<std::string> options;
  for (std::string word; words >> word;)
  {
    const bool is_name = word.size() > 1 && word[0] == '-' && std::isalpha(static_cast<unsigned char>(word[1]));
    if (is_name || options.empty())
      options.push_back(word);
    else
      options.back() += " " + word;
  }
  return options;
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

std::string join_options(const std::vector<std::string> &options)
{
  std::string joined;
  for (const std::string &option : options)
    joined += (joined.empty() ? "" : " ") + option;
  return joined;
}
} // namespace cspine
