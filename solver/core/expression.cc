#include "core/expression.h"

#include "core/input_error.h"

#include <deal.II/base/function_parser.h>

namespace cspine
{
namespace
{
std::unique_ptr<dealii::FunctionParser<dim>> make_parser(const std::string &text, const std::string &file,
                                                         const std::string &entry)
{
  auto parser = std::make_unique<dealii::FunctionParser<dim>>(1);
  try
  {
    parser->initialize("x,y,z,t", text, {}, /*time_dependent=*/true);
    // muparser reports unknown symbols only on first evaluation.
    parser->value(dealii::Point<dim>(), 0);
  }
  catch (const std::exception &error)
  {
    throw InputError(file, entry, text, "not a valid expression in x, y, z [mm] and t [s]");
  }
  return parser;
}
} // namespace

Expression::Expression(const std::string &text, const std::string &file, const std::string &entry)
    : source(text), source_file(file), source_entry(entry), parser(make_parser(text, file, entry))
{
}

Expression::Expression(const Expression &other)
    : source(other.source), source_file(other.source_file), source_entry(other.source_entry),
      parser(make_parser(other.source, other.source_file, other.source_entry))
{
}

Expression::~Expression() = default;

double Expression::value(const dealii::Point<dim> &position, const double time) const
{
  parser->set_time(time);
  return parser->value(position);
}
} // namespace cspine
