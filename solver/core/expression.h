// A scalar function of (x, y, z, t) given as text in an input file, e.g. "5*t" or "0.1*x*t".
#pragma once

#include "core/types.h"

#include <memory>
#include <string>

#include <deal.II/base/function_parser.h>

namespace cspine
{
class Expression
{
public:
  /// Throws InputError naming file and entry when the text does not parse.
  Expression(const std::string &text, const std::string &file, const std::string &entry);
  Expression(const Expression &other);
  ~Expression();

  double value(const dealii::Point<dim> &position, const double time) const;
  const std::string &text() const { return source; }
  /// The input file and entry it came from, for messages.
  const std::string &file() const { return source_file; }
  const std::string &entry() const { return source_entry; }

private:
  std::string source, source_file, source_entry;
  std::unique_ptr<dealii::FunctionParser<dim>> parser;
};
} // namespace cspine
