// Name -> {description, declare_parameters, factory}. Each folder's registry.cc lists its models
// explicitly (no static self-registration: the linker would drop unreferenced objects).
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace cspine
{
template <typename Interface> class Registry
{
public:
  struct Entry
  {
    std::string name;
    std::string description;
    std::function<void(dealii::ParameterHandler &)> declare_parameters;
    std::function<std::unique_ptr<Interface>(dealii::ParameterHandler &)> create;
  };

  void add(Entry entry) { entries.push_back(std::move(entry)); }

  const Entry &get(const std::string &name) const
  {
    for (const Entry &entry : entries)
      if (entry.name == name)
        return entry;
    throw std::invalid_argument("no model named '" + name + "'; valid names: " + names_pattern());
  }

  /// The names joined by '|', ready for dealii::Patterns::Selection.
  std::string names_pattern() const
  {
    std::string joined;
    for (const Entry &entry : entries)
      joined += (joined.empty() ? "" : "|") + entry.name;
    return joined;
  }

  std::vector<std::string> names() const
  {
    std::vector<std::string> result;
    for (const Entry &entry : entries)
      result.push_back(entry.name);
    return result;
  }

private:
  std::vector<Entry> entries;
};
} // namespace cspine
