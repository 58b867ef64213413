#!/bin/bash
# Runs a case onto a small tmpfs that fills up: the run must stop with exit code 4 and say the disk is
# full, solution.pvd must stay whole and list only frames whose every piece was written whole, and
# history.csv must hold only whole rows. Mounting needs root (CAP_SYS_ADMIN): without it the test is
# reported as skipped (exit 77), never as passed.
# Usage: full_disk.sh CSPINE CONFIG FOLDER SIZE
set -uo pipefail
cspine=$1 config=$2 folder=$3 size=$4
fail() { echo "full_disk: FAILED: $*" >&2; exit 1; }

mkdir -p "$folder"
mountpoint -q "$folder" && umount "$folder"
mount -t tmpfs -o "size=$size" tmpfs "$folder" 2> /dev/null || { echo "full_disk: cannot mount a tmpfs here (not root?)"; exit 77; }
trap 'umount "$folder"' EXIT

"$cspine" "$config" --output "$folder/run" > "$folder.log" 2>&1
code=$?
cat "$folder.log" | grep -v "^#" | tail -n 5
[ "$code" -eq 4 ] || fail "exit code $code, 4 expected (see $folder.log)"
grep -q "No space left on device" "$folder.log" || fail "the message does not say the disk is full"

pvd="$folder/run/solution.pvd"
[ -f "$pvd" ] || fail "no solution.pvd"
tail -n 1 "$pvd" | grep -q "</VTKFile>" || fail "solution.pvd was cut"
frames=0
for pvtu in $(grep -o 'file="[^"]*"' "$pvd" | cut -d'"' -f2); do
  [ -f "$folder/run/$pvtu" ] || fail "solution.pvd lists $pvtu, which does not exist"
  for piece in $(grep -o 'Source="[^"]*"' "$folder/run/$pvtu" | cut -d'"' -f2); do
    tail -c 16 "$folder/run/$piece" | grep -q "</VTKFile>" || fail "solution.pvd lists $pvtu, whose piece $piece is cut"
  done
  frames=$((frames + 1))
done
[ "$frames" -ge 1 ] || fail "solution.pvd lists no frame: the disk filled before any (make SIZE larger)"
[ -z "$(tail -c 1 "$folder/run/history.csv")" ] || fail "history.csv ends in a cut row"
echo "full_disk: passed; the run stopped with exit 4 and $frames whole frame(s) listed"
