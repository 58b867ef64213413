#include "loads/head_settings.h"

#include "core/vector_text.h"
#include "loads/region_lookup.h"

#include <deal.II/base/utilities.h>

namespace cspine
{
using dealii::Utilities::split_string_list;
using dealii::Utilities::trim;

void HeadSettings::declare_parameters(dealii::ParameterHandler &prm)
{
  prm.enter_subsection("Head");
  prm.declare_entry("Coupled regions", "", dealii::Patterns::Anything(),
                    "Regions that move as one rigid body with the head (e.g. 'head, vertebra_c0'); empty: "
                    "no head coupling. Needed for Head control = angle or moment and for the head weight.");
  prm.declare_entry("Axis", "dens_axis_base -> dens_axis_tip", dealii::Patterns::Anything(),
                    "Head axis for prescribed angles and moments: 'x, y, z' or '<landmark> -> <landmark>'. "
                    "Default: the dens axis of the generated model (axial rotation at C1-C2).");
  prm.declare_entry("Centre", "dens_axis_base", dealii::Patterns::Anything(),
                    "[mm] A point of the head axis: 'x, y, z' or a landmark.");
  prm.declare_entry("Mass", "4.71", dealii::Patterns::Double(0, 50),
                    "[kg] Head mass for its weight. Default: the middle of 3.656-5.757 kg, Beier et al. 1979 "
                    "(ONR report; 21 cadavers).");
  prm.declare_entry("Centre of gravity", "head_centre", dealii::Patterns::Anything(),
                    "[mm] Where the weight acts: 'x, y, z' or a landmark. Beier et al. 1979 place the CG in "
                    "the mid-sagittal plane 22-43 mm above the Frankfort plane; the model has no Frankfort "
                    "landmark, so the default is the model's head centre.");
  prm.declare_entry("Gravity direction", "0, 0, -1", dealii::Patterns::Anything(),
                    "Direction of gravity in model coordinates (9.81 m/s^2).");
  prm.declare_entry("Drive stiffness", "1e9", dealii::Patterns::Double(1),
                    "[N mm/rad] Under rotation and moment control, the head's rotation follows its target through a "
                    "torsional spring of this stiffness; its moment is the one reported. Default: the rotation "
                    "lags by 1e-6 rad per N m, far below what is measured.");
  prm.declare_entry("Moment tolerance", "1", dealii::Patterns::Double(1e-6),
                    "[N mm] Under moment control the head is turned by the drive, to the angle at which it passes "
                    "the prescribed moment into the spine within this tolerance (near neutral the upper cervical "
                    "joints turn degrees per N mm, where a load-controlled solve has no stiffness to work with).");
  prm.declare_entry("Largest rotation per solve", "1", dealii::Patterns::Double(1e-3, 45),
                    "[deg] Under moment control, the largest change of the drive angle from one equilibrium solve "
                    "to the next while the moment is searched; a failed solve halves it.");
  prm.declare_entry("Rigid body", "false", dealii::Patterns::Bool(),
                    "true: the coupled regions move as one rigid body with six DoFs (Newton solves for them in a "
                    "bordered system): under angle and rotation control its rotation about the axis is prescribed "
                    "exactly and its other five DoFs are free; under moment control the moment acts on it directly "
                    "(one Newton solve per step, no drive, no moment search). Its mass and inertia are the consistent "
                    "mass of the coupled regions' mesh. false: they are meshed bone, held by a prescribed pose "
                    "(angle) or a torsional drive (rotation, moment).");
  prm.declare_entry("Moment search", "true", dealii::Patterns::Bool(),
                    "With Rigid body: true finds a quasi-static moment step's moment as the meshed head does "
                    "(MomentSearch, see Moment tolerance), with the body's rotation about the axis prescribed "
                    "exactly at each trial angle: near neutral the upper cervical joints give a moment-loaded "
                    "head next to no stiffness; false applies the moment directly in those steps too. Dynamic "
                    "steps always apply it directly (the inertia holds the head).");
  prm.leave_subsection();
}

std::optional<HeadSettings> HeadSettings::parse(dealii::ParameterHandler &prm, const std::string &file,
                                                const MeshNames &names, const Landmarks &landmarks)
{
  std::optional<HeadSettings> result;
  prm.enter_subsection("Head");
  const std::string coupled = prm.get("Coupled regions");
  if (!trim(coupled).empty())
  {
    HeadSettings settings;
    for (const std::string &name : split_string_list(coupled))
      settings.regions.insert(region_id(name, names, file, "Load case/Head/Coupled regions"));
    settings.axis = parse_direction(prm.get("Axis"), landmarks, file, "Load case/Head/Axis");
    settings.centre = parse_point(prm.get("Centre"), landmarks, file, "Load case/Head/Centre");
    settings.mass = prm.get_double("Mass");
    settings.drive_stiffness = prm.get_double("Drive stiffness");
    settings.moment_tolerance = prm.get_double("Moment tolerance");
    settings.largest_rotation_per_solve = prm.get_double("Largest rotation per solve");
    settings.rigid_body = prm.get_bool("Rigid body");
    settings.moment_search = prm.get_bool("Moment search");
    settings.centre_of_gravity =
        parse_point(prm.get("Centre of gravity"), landmarks, file, "Load case/Head/Centre of gravity");
    settings.gravity_direction =
        parse_unit_vector(prm.get("Gravity direction"), file, "Load case/Head/Gravity direction");
    result = settings;
  }
  prm.leave_subsection();
  return result;
}
} // namespace cspine
