#include "output/history.h"

#include <iomanip>
#include <stdexcept>

namespace cspine
{
History::History(std::vector<std::string> column_names) : names(std::move(column_names)) {}

void History::open(const std::string &file)
{
  if (file.empty())
    return;
  out.open(file);
  if (!out)
    throw std::runtime_error("cannot write " + file);
  for (unsigned int c = 0; c < names.size(); ++c)
    out << (c ? "," : "") << names[c];
  out << '\n' << std::flush;
}

void History::add_row(const std::vector<double> &values)
{
  data.push_back(values);
  if (!out.is_open())
    return;
  out << std::setprecision(12);
  for (unsigned int c = 0; c < values.size(); ++c)
    out << (c ? "," : "") << values[c];
  out << '\n' << std::flush;
}

double History::last(const std::string &prefix) const
{
  for (unsigned int c = 0; c < names.size(); ++c)
    if (names[c].rfind(prefix + " [", 0) == 0)
    {
      if (data.empty())
        throw std::logic_error("history has no rows yet");
      return data.back()[c];
    }
  throw std::invalid_argument("history has no column " + prefix);
}
} // namespace cspine
