# Sourced by scripts/benchmark_refined_spine.sh and scripts/benchmark_iterative_spine.sh (from the
# repository root): the refined head-T1 model and the rotary thrust's pre-rotation protocol they both run.

# The refined model: 2.3 mm in bone, 0.9 mm in the thin layers (the bundled one: 4 and 1.25 mm).
refined_spine_mesh=output/refined_spine/head_t1_refined

# Generates the refined model into output/refined_spine/ unless it is there.
make_refined_spine_mesh() {
  mkdir -p output/refined_spine
  if [ ! -f "$refined_spine_mesh.msh" ]; then
    build/release/meshes/generator/cspine_mesh meshes/anatomy_table.csv "$refined_spine_mesh" \
      C0,C1,C2,C3,C4,C5,C6,C7,T1 2.3 0.9
  fi
}

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
