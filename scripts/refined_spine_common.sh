# Sourced by scripts/benchmark_refined_spine.sh and scripts/benchmark_iterative_spine.sh (from the
# repository root): the refined head-T1 model and the rotary thrust's pre-rotation protocol they both run.

# The refined model: 2.3 mm in bone, 0.9 mm in the thin layers (the bundled one: 4 and 1.25 mm).
refined_spine_mesh=output/refined_spine/head_t1_refined
# A finer one for the iterative solve's iteration counts: 1.6 and 0.6 mm (352,860 DoFs on linear tetrahedra).
fine_spine_mesh=output/refined_spine/head_t1_fine

# Reads a benchmark's arguments: a positive number of steps (sets `steps`, default 2) and the one flag $2
# (sets `flag_given` to true); anything else stops the script named $1 with a message.
read_steps_and_flag() {
  local script=$1 flag=$2
  shift 2
  steps=2
  flag_given=false
  for argument in "$@"; do
    case "$argument" in
      "$flag") flag_given=true ;;
      *)
        [[ "$argument" =~ ^[1-9][0-9]*$ ]] || {
          echo "$script: expected a positive number of steps or $flag, not '$argument'" >&2
          exit 1
        }
        steps=$argument ;;
    esac
  done
}

# Generates the head-T1 model with $2 mm in bone and $3 mm in the thin layers as $1.msh unless it is there.
make_spine_mesh() {
  mkdir -p "$(dirname "$1")"
  if [ ! -f "$1.msh" ]; then
    build/release/meshes/generator/cspine_mesh meshes/anatomy_table.csv "$1" C0,C1,C2,C3,C4,C5,C6,C7,T1 "$2" "$3"
  fi
}

make_refined_spine_mesh() { make_spine_mesh "$refined_spine_mesh" 2.3 0.9; }
make_fine_spine_mesh() { make_spine_mesh "$fine_spine_mesh" 1.6 0.6; }

# Prints the Load case section of the thrust's pre-rotation (configs/rotary_thrust_c1c2.prm: 2.5 deg per
# step, 30 deg in 1 s) cut to its first $1 steps.
prerotation_protocol() {
  local steps=$1
  local angle
  angle=$(awk -v n="$steps" 'BEGIN { print 2.5 * n }')
  cat <<PRM
subsection Load case
  subsection Protocol
    set Phases = pre-rotate
    subsection Phase pre-rotate
      set Duration     = $(awk -v a="$angle" 'BEGIN { print a / 30 }')
      set Steps        = $steps
      set Head control = angle
      set Head value   = $angle
    end
  end
end
PRM
}
